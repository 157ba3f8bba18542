// Each browser test class starts its own Api, which reads its configuration from process-wide environment
// variables (ApiHostEnvironment): two classes starting in parallel would point each other's Api at the wrong
// cluster. Classes therefore run one after another.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
