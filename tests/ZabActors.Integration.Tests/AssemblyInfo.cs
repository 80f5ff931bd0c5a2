// Every test runs whole ensembles of server processes; on a small machine they must not overlap.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
