// The jsii runtime talks to one Node.js child process over a single pipe and is not thread
// safe: concurrent CDK calls from parallel test classes interleave on it and corrupt the
// protocol. All CDK work goes through that one process anyway, so run tests one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
