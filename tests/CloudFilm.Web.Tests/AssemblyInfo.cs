// Browser tests share Api hosts per collection (the web collection one, the queue screens another; the dispatch
// board its own), and each Api reads its configuration from process-wide environment variables
// (ApiHostEnvironment): two hosts starting in parallel would point each other at the wrong cluster. Collections
// therefore run one after another.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
