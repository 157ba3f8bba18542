// HostStartup writes its one failure line to Console.Error, which the tests capture: one test at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
