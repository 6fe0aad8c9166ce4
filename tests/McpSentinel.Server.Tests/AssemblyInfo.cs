// Each test starts real servers against real databases; on a small machine they are steadier one at a time.
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]
