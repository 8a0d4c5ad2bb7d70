// One scenario at a time: each starts a server and a browser or a Node process, and the machines have two cores.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
