using System.CommandLine;
using BenchmarkDotNet.Running;
using Switchyard.Benchmarks.Load;

var seconds = new Option<int>("--seconds") { Description = "Length of each measured run.", DefaultValueFactory = _ => 15 };
var connections = new Option<int>("--connections") { Description = "Concurrent HTTP connections.", DefaultValueFactory = _ => 16 };
var batches = new Option<int>("--batches") { Description = "Batches per bulk request (at most 100).", DefaultValueFactory = _ => 100 };
var events = new Option<int>("--events") { Description = "Events per batch.", DefaultValueFactory = _ => 5 };
var rounds = new Option<int>("--rounds") { Description = "Rounds; the table shows medians.", DefaultValueFactory = _ => 3 };
var paced = new Option<double>("--paced-rate") { Description = "Events per second for the latency run.", DefaultValueFactory = _ => 10_000 };
var ingestPostgres = PostgresOption();
var warmup = new Option<int>("--warmup")
{
    Description = "Seconds of unmeasured full-speed load on each fresh server before its measured runs (0: none).",
    DefaultValueFactory = _ => 20,
};
var ingest = new Command("ingest", "Load /v2/bulkevents over loopback and compare with parse-only.") { seconds, connections, batches, events, rounds, paced, ingestPostgres, warmup };
ingest.SetAction((result, _) => IngestBenchmark.RunAsync(new IngestBenchmarkOptions(
    TimeSpan.FromSeconds(result.GetValue(seconds)), result.GetValue(connections), result.GetValue(batches), result.GetValue(events), result.GetValue(rounds), result.GetValue(paced), result.GetValue(ingestPostgres))
{
    Warmup = TimeSpan.FromSeconds(result.GetValue(warmup)),
}));

var webSeconds = new Option<int>("--seconds") { Description = "Length of each measured run.", DefaultValueFactory = _ => 10 };
var webConnections = new Option<int>("--connections") { Description = "Concurrent HTTP connections (browsers).", DefaultValueFactory = _ => 32 };
var webEvents = new Option<int>("--events") { Description = "Events per batch.", DefaultValueFactory = _ => 5 };
var webRounds = new Option<int>("--rounds") { Description = "Rounds; the table shows medians.", DefaultValueFactory = _ => 3 };
var webIngest = new Command("web-ingest", "One batch per request: the Web SDK's /webevents/v3 path beside /v2/events.") { webSeconds, webConnections, webEvents, webRounds };
webIngest.SetAction((result, _) => WebIngestBenchmark.RunAsync(
    TimeSpan.FromSeconds(result.GetValue(webSeconds)), result.GetValue(webConnections), result.GetValue(webEvents), result.GetValue(webRounds)));

var concurrency = new Option<int>("--concurrency") { Description = "Concurrent appends.", DefaultValueFactory = _ => 16 };
var inboxSeconds = new Option<int>("--seconds") { Description = "Length of the run.", DefaultValueFactory = _ => 10 };
var inbox = new Command("inbox", "Append to the SQLite inbox directly, without HTTP or parsing.") { inboxSeconds, concurrency };
inbox.SetAction((result, _) => InboxBenchmark.RunAsync(TimeSpan.FromSeconds(result.GetValue(inboxSeconds)), result.GetValue(concurrency), 100, 5));

var processBatches = new Option<int>("--batches") { Description = "Batches to put in the inbox and process.", DefaultValueFactory = _ => 20_000 };
var processUsers = new Option<int>("--users") { Description = "Distinct users the batches come from.", DefaultValueFactory = _ => 5_000 };
var processCriteria = new Option<string>("--criteria")
{
    Description = "classic: 20 audiences of attribute, identity, event and membership criteria; builder: 20 using dates, type overrides, consent, device, location, first/last seen and identity values.",
    DefaultValueFactory = _ => "classic",
};
processCriteria.AcceptOnlyFromAmong("classic", "builder");
var processSeed = new Option<int[]>("--seed-profiles")
{
    Description = "Profiles (users 0 to N-1, one batch's worth each) put in the store before the timed run; batches from users at or above N create new profiles. Several counts are compared in one run.",
    DefaultValueFactory = _ => [0],
    AllowMultipleArgumentsPerToken = true,
};
var processNewUsers = new Option<int>("--new-users")
{
    Description = "Users besides --users whose first batch comes in the timed run (with --seed-profiles; --users are then spread over the seeded ones).",
    DefaultValueFactory = _ => 0,
};
var processLanes = new Option<int[]>("--lanes")
{
    Description = "Partition lanes processed side by side (processing.partitionWorkers); 1 is one worker for every partition. Several counts are compared in one run.",
    DefaultValueFactory = _ => [1],
    AllowMultipleArgumentsPerToken = true,
};
var processRounds = new Option<int>("--rounds")
{
    Description = "Rounds of every combination of --lanes and --seed-profiles, in turned-round order every other round; the summary shows medians and ratios.",
    DefaultValueFactory = _ => 1,
};
var processPostgres = PostgresOption();
var processWarmup = new Option<int>("--warmup")
{
    Description = "Batches processed first, untimed, in a scratch store of their own with the same lanes, so the timed run sees compiled code (0: none).",
    DefaultValueFactory = _ => 20_000,
};
var process = new Command("process", "Time the processor draining an inbox, with 20 audiences defined.") { processBatches, processUsers, processCriteria, processSeed, processNewUsers, processLanes, processPostgres, processWarmup, processRounds };
process.SetAction((result, _) => ProcessingBenchmark.CompareAsync(
    result.GetValue(processPostgres), result.GetValue(processBatches), result.GetValue(processUsers), result.GetValue(processCriteria) == "builder", result.GetValue(processSeed)!,
    result.GetValue(processNewUsers), result.GetValue(processLanes)!, result.GetValue(processWarmup), result.GetValue(processRounds)));

var e2eBatches = new Option<int>("--batches") { Description = "Batches to send and see delivered.", DefaultValueFactory = _ => 20_000 };
var e2eUsers = new Option<int>("--users") { Description = "Distinct users the batches come from.", DefaultValueFactory = _ => 5_000 };
var e2eConnections = new Option<int>("--connections") { Description = "Concurrent HTTP connections.", DefaultValueFactory = _ => 8 };
var e2eInFlight = new Option<int?>("--max-in-flight") { Description = "The Braze output's maxInFlight (requests in flight at once); unset: the server's default." };
var e2ePostgres = PostgresOption();
var e2eNodes = new Option<int>("--nodes")
{
    Description = "Processing nodes started on the same database (with --postgres); the requests are spread over them in turn.",
    DefaultValueFactory = _ => 1,
};
var e2e = new Command("e2e", "Time Events API → Braze sandbox acknowledged, end to end.") { e2eBatches, e2eUsers, e2eConnections, e2eInFlight, e2ePostgres, e2eNodes };
e2e.SetAction((result, _) =>
{
    var nodes = result.GetValue(e2eNodes);
    var postgres = result.GetValue(e2ePostgres);
    if (nodes < 1 || (nodes > 1 && postgres is null))
    {
        Console.Error.WriteLine("--nodes: at least 1, and more than 1 only with --postgres (the nodes share one PostgreSQL database).");
        return Task.FromResult(2);
    }

    return EndToEndBenchmark.RunAsync(result.GetValue(e2eBatches), result.GetValue(e2eUsers), result.GetValue(e2eConnections), result.GetValue(e2eInFlight), postgres, nodes);
});

var audienceUsers = new Option<int>("--users") { Description = "Users who join the audience, then leave it.", DefaultValueFactory = _ => 20_000 };
var sendSegmentsAs = new Option<string>("--send-segments-as") { Description = "The audience output's sendSegmentsAs.", DefaultValueFactory = _ => "all" };
var audienceSync = new Command("audience-sync", "Time an audience's initial sync and its members leaving in real time, to the Braze sandbox.") { audienceUsers, sendSegmentsAs };
audienceSync.SetAction((result, _) => AudienceSyncBenchmark.RunAsync(result.GetValue(audienceUsers), result.GetValue(sendSegmentsAs)!));

var reconcileUsers = new Option<int>("--users") { Description = "Users delivered, then reconciled.", DefaultValueFactory = _ => 5_000 };
var exportsPerMinute = new Option<int>("--exports-per-minute") { Description = "The output's reconcileExportsPerMinute.", DefaultValueFactory = _ => 200 };
var reconcile = new Command("reconcile", "Time a reconcile of a whole output against the Braze sandbox with its export limit on.") { reconcileUsers, exportsPerMinute };
reconcile.SetAction((result, _) => ReconcileBenchmark.RunAsync(result.GetValue(reconcileUsers), result.GetValue(exportsPerMinute)));

var micro = new Command("micro", "BenchmarkDotNet micro-benchmarks; arguments after -- go to BenchmarkDotNet.");
var rest = new Argument<string[]>("benchmarkdotnet-arguments") { Arity = ArgumentArity.ZeroOrMore };
micro.Arguments.Add(rest);
micro.SetAction(result =>
{
    BenchmarkSwitcher.FromAssembly(typeof(Switchyard.Benchmarks.Micro.ParserBenchmarks).Assembly).Run(result.GetValue(rest) ?? []);
    return 0;
});

static Option<string?> PostgresOption() => new("--postgres")
{
    Description = "An Npgsql connection string: run on PostgreSQL, in a fresh database made on that server for each run and dropped after it (the role needs CREATEDB), instead of SQLite.",
};

return await new RootCommand("Switchyard benchmarks.") { ingest, webIngest, inbox, process, e2e, audienceSync, reconcile, micro }.Parse(args).InvokeAsync();
