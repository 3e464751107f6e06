using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Switchyard.Core.Audiences;
using Switchyard.Core.Ingest;
using Switchyard.Core.Processing;
using Switchyard.Core.Profiles;
using Switchyard.Core.Storage;
using Switchyard.Processing;
using Switchyard.Storage.Postgres;
using Switchyard.Storage.Sqlite;
using Switchyard.Storage.Sqlite.Audiences;
using Switchyard.Storage.Sqlite.Inbox;
using Switchyard.Storage.Sqlite.Profiles;

namespace Switchyard.Benchmarks.Load;

/// <summary>
/// <c>process</c>: fills an inbox with the load generator's batches, defines 20 audiences, then times the processor
/// (identity resolution, profile update, event recording, audience evaluation, membership log, checkpoint) draining it.
/// </summary>
internal static class ProcessingBenchmark
{
    /// <summary>
    /// Runs every combination of <paramref name="lanes"/> and <paramref name="seedProfiles"/> once per round, each on a
    /// store of its own, and with more than one run prints the medians and their ratios to the first combination. The
    /// order turns round every other round (1, 2 then 2, 1), so a machine whose speed drifts during the run weighs on
    /// every combination alike: on a shared machine this compares better than runs started minutes apart.
    /// </summary>
    /// <param name="postgres">The PostgreSQL server to run on, or null for SQLite.</param>
    /// <param name="builderCriteria">Use the twenty audiences of <see cref="BuilderAudiences"/> (dates, type overrides, consent,
    /// device, location, first and last seen, identity values) instead of the classic set.</param>
    /// <param name="seedProfiles">Profiles put in the store before the timed run (<see cref="ProfileSeeder"/>): users 0 to
    /// N − 1, so a timed batch from a user below that finds an existing profile.</param>
    /// <param name="newUsers">With <paramref name="seedProfiles"/>: users besides <paramref name="users"/> whose first batch
    /// comes in the timed run (users N and up).</param>
    /// <param name="warmup">Batches processed first, untimed, in a scratch store, once for each lane count (<see cref="WarmUpAsync"/>).</param>
    public static async Task<int> CompareAsync(string? postgres, int batches, int users, bool builderCriteria, IReadOnlyList<int> seedProfiles, int newUsers, IReadOnlyList<int> lanes, int warmup, int rounds)
    {
        if (lanes.Count == 0 || seedProfiles.Count == 0 || rounds < 1 || lanes.Any(l => l < 1) || seedProfiles.Any(s => s < 0))
        {
            await System.Console.Error.WriteLineAsync("process: --lanes takes counts of 1 or more, --seed-profiles counts of 0 or more, --rounds 1 or more");
            return 2;
        }

        foreach (var count in lanes.Distinct())
        {
            await WarmUpAsync(postgres, warmup, users, builderCriteria, count);
        }

        if (lanes.Max() > 1)
        {
            PrintMachineCeiling(lanes.Max());
        }

        var runs = (from seeded in seedProfiles from count in lanes select (Lanes: count, Seeded: seeded)).ToList();
        var rates = runs.ToDictionary(run => run, _ => new List<double>());
        for (var round = 1; round <= rounds; round++)
        {
            foreach (var run in round % 2 == 1 ? runs : Enumerable.Reverse(runs))
            {
                var rate = postgres is null
                    ? await RunAsync(batches, users, builderCriteria, run.Seeded, newUsers, run.Lanes)
                    : await RunOnPostgresAsync(postgres, batches, users, builderCriteria, run.Seeded, newUsers, run.Lanes);
                rates[run].Add(rate);
            }
        }

        if (runs.Count * rounds > 1)
        {
            System.Console.WriteLine("summary: batches/s, median of each combination (its rounds in order), and its ratio to the first combination");
            var first = Medians.Of(rates[runs[0]]);
            foreach (var run in runs)
            {
                var median = Medians.Of(rates[run]);
                var pairs = string.Join(" / ", rates[run].Select((rate, i) => (rate / rates[runs[0]][i]).ToString("F2", CultureInfo.InvariantCulture)));
                System.Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"summary: {run.Lanes} lane(s), {run.Seeded:N0} profiles seeded: {median:N0} ({string.Join(" / ", rates[run].Select(r => r.ToString("N0", CultureInfo.InvariantCulture)))}); {median / first:F2}× the first (round by round {pairs})"));
            }
        }

        return 0;
    }

    /// <summary>
    /// How much more work <paramref name="threads"/> threads get done than one on this machine, under the process's
    /// garbage collector settings, in five rounds of each: plain arithmetic in the core's own cache, and code that does
    /// little but allocate short-lived objects (strings and a list), as the processor does between its SQLite calls.
    /// The lanes can gain no more over one lane than the machine and the collector allow.
    /// </summary>
    private static void PrintMachineCeiling(int threads)
    {
        static long Arithmetic(int seed)
        {
            Span<uint> table = stackalloc uint[256];
            for (var i = 0; i < table.Length; i++)
            {
                table[i] = (uint)((i * 2654435761) ^ seed);
            }

            var x = (uint)seed | 1;
            long sum = 0;
            for (var i = 0; i < 40_000_000; i++)
            {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                sum += table[(int)(x & 255)] ^ x;
            }

            return sum;
        }

        static long Allocating(int seed)
        {
            var kept = new List<string>();
            long length = 0;
            for (var i = 0; i < 6_000_000; i++)
            {
                kept.Add((i ^ seed).ToString(CultureInfo.InvariantCulture));
                if (kept.Count == 1_000)
                {
                    length += kept[^1].Length;
                    kept = [];
                }
            }

            return length;
        }

        static double Rate(int threads, Func<int, long> work)
        {
            var clock = Stopwatch.StartNew();
            var results = new long[threads];
            Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, i => results[i] = work(i + 1));
            GC.KeepAlive(results);
            return threads / clock.Elapsed.TotalSeconds;
        }

        foreach (var (name, work) in new (string, Func<int, long>)[] { ("plain arithmetic", Arithmetic), ("allocating short-lived objects", Allocating) })
        {
            Rate(1, work);
            var ratios = new List<double>();
            for (var round = 0; round < 5; round++)
            {
                var one = Rate(1, work);
                ratios.Add(Rate(threads, work) / one);
            }

            System.Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"machine: {threads} threads {name} do {Medians.Of(ratios):F2}× the work of one (rounds {string.Join(" / ", ratios.Select(r => r.ToString("F2", CultureInfo.InvariantCulture)))}); {Environment.ProcessorCount} processors, server collector {System.Runtime.GCSettings.IsServerGC}"));
        }
    }

    private static async Task<double> RunAsync(int batches, int users, bool builderCriteria, int seedProfiles, int newUsers, int lanes)
    {
        var directory = Path.Combine(Path.GetTempPath(), "switchyard-process-bench-" + Guid.NewGuid().ToString("N"));
        var options = new SqliteStorageOptions { DataDirectory = directory };
        var time = TimeProvider.System;
        if (seedProfiles > 0)
        {
            var seeded = await SeededStoreAsync(seedProfiles, builderCriteria, time);
            Directory.CreateDirectory(directory);
            var copy = Path.Combine(directory, Path.GetFileName(seeded));
            File.Copy(seeded, copy);

            // On disk before the clock starts: otherwise the processor's first fsync writes the whole copied file.
            using var written = new FileStream(copy, FileMode.Open, FileAccess.ReadWrite);
            written.Flush(flushToDisk: true);
        }

        double rate;
        await using (var inbox = await SqliteInboxStore.OpenAsync(options, time))
        await using (var profiles = await SqliteProfileStore.OpenAsync(options, time))
        await using (var audiences = await SqliteAudienceStore.OpenAsync(options, time))
        {
            rate = await TimeAsync(inbox, profiles, audiences, directory, batches, users, builderCriteria, seedProfiles, newUsers, lanes, time);
        }

        Directory.Delete(directory, recursive: true);
        return rate;
    }

    /// <summary>
    /// On PostgreSQL: a fresh database on the server <paramref name="postgres"/> names, the stores opened through the
    /// provider's registration, profiles seeded straight into it (not timed), then the same timed run as on SQLite.
    /// </summary>
    private static async Task<double> RunOnPostgresAsync(string postgres, int batches, int users, bool builderCriteria, int seedProfiles, int newUsers, int lanes)
    {
        var directory = Path.Combine(Path.GetTempPath(), "switchyard-process-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var time = TimeProvider.System;
        double rate;
        await using (var database = await BenchDatabase.CreateAsync(postgres))
        {
            await using (var storage = await PostgresStorageRegistration.OpenAsync(new PostgresStorageOptions { ConnectionString = database.ConnectionString }, time, default))
            {
                if (seedProfiles > 0)
                {
                    await SeedAsync(storage.Profiles, storage.Audiences, directory, seedProfiles, builderCriteria, time);
                }

                rate = await TimeAsync(storage.Inbox, storage.Profiles, storage.Audiences, directory, batches, users, builderCriteria, seedProfiles, newUsers, lanes, time);
            }

            await database.PrintSizesAsync(string.Create(CultureInfo.InvariantCulture, $"processing {batches:N0} batches from {users + newUsers:N0} users ({seedProfiles:N0} seeded)"));
        }

        Directory.Delete(directory, recursive: true);
        return rate;
    }

    /// <summary>
    /// The processor's code runs unoptimised at first while the JIT recompiles it (tiered compilation), and with two lanes
    /// busy that recompilation takes CPU from them; a timed run of a few seconds from a cold start measures much of it,
    /// more for two lanes than for one. So <paramref name="batches"/> batches go through the same processor and lanes
    /// first, in a store of their own (a scratch directory, or a scratch database on <paramref name="postgres"/>) that is
    /// dropped afterwards, leaving the measured store as it would be without the warm-up.
    /// </summary>
    private static async Task WarmUpAsync(string? postgres, int batches, int users, bool builderCriteria, int lanes)
    {
        if (batches <= 0)
        {
            return;
        }

        var directory = Path.Combine(Path.GetTempPath(), "switchyard-process-warmup-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var time = TimeProvider.System;
        if (postgres is not null)
        {
            await using var database = await BenchDatabase.CreateAsync(postgres);
            await using var storage = await PostgresStorageRegistration.OpenAsync(new PostgresStorageOptions { ConnectionString = database.ConnectionString }, time, default);
            await TimeAsync(storage.Inbox, storage.Profiles, storage.Audiences, directory, batches, users, builderCriteria, 0, 0, lanes, time, "warm-up");
        }
        else
        {
            var options = new SqliteStorageOptions { DataDirectory = directory };
            await using var inbox = await SqliteInboxStore.OpenAsync(options, time);
            await using var profiles = await SqliteProfileStore.OpenAsync(options, time);
            await using var audiences = await SqliteAudienceStore.OpenAsync(options, time);
            await TimeAsync(inbox, profiles, audiences, directory, batches, users, builderCriteria, 0, 0, lanes, time, "warm-up");
        }

        Directory.Delete(directory, recursive: true);
    }

    /// <summary>
    /// Defines the audiences, fills the inbox, then times the processor draining it with <paramref name="lanes"/> lanes;
    /// returns the batches processed per second.
    /// </summary>
    private static async Task<double> TimeAsync(IInboxStore inbox, IProfileStore profiles, IAudienceStore audiences, string directory, int batches, int users, bool builderCriteria, int seedProfiles, int newUsers, int lanes, TimeProvider time, string label = "process")
    {
        foreach (var (id, json) in builderCriteria ? BuilderAudiences() : Audiences())
        {
            await audiences.UpsertAsync(id, json, null, default);
        }

        var events = await FillAsync(inbox, batches, users + newUsers, TimedUsers(users, seedProfiles));
        var runtime = new AudienceRuntime(audiences, new EvaluatedAudienceVersion(directory), time, NullLogger<AudienceRuntime>.Instance);
        var (evaluator, _, _) = await runtime.CurrentAsync(default);
        var statistics = await ProcessingStatistics.ReadAsync(profiles, default);
        var worker = new ProcessorWorker(inbox, profiles, runtime, new BatchProcessor(new ProcessingSettings()), new ProcessingSignal(), statistics, time, NullLogger<ProcessorWorker>.Instance);
        System.Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label}: inbox filled with {batches:N0} batches, timing the processor (pid {Environment.ProcessId})"));
        // Each collection stops the lanes and the one SQLite writer they share, and the CPU time shows how much of the
        // machine the lanes, the writer and the collector kept busy (docs/benchmarks.md).
        var (paused, allocated, collections0, collections1, collections2) = (GC.GetTotalPauseDuration(), GC.GetTotalAllocatedBytes(), GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        // Each lane drains its own partitions; the inbox is full before the clock starts, so a lane that finds
        // nothing is done.
        await Task.WhenAll(Enumerable.Range(0, lanes).Select(i => Task.Run(async () =>
        {
            var lane = new Core.Partitions.PartitionLane(i, lanes);
            while (await worker.ProcessChunkAsync(lane, evaluator, default) > 0)
            {
            }
        })));

        clock.Stop();
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        System.Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label}: {cpu.TotalSeconds:F2} s of CPU in {clock.Elapsed.TotalSeconds:F2} s ({cpu.TotalSeconds / clock.Elapsed.TotalSeconds:F2} cores); garbage collections {GC.CollectionCount(0) - collections0:N0} ({GC.CollectionCount(1) - collections1:N0} of generation 1 or 2, {GC.CollectionCount(2) - collections2:N0} of generation 2), paused {(GC.GetTotalPauseDuration() - paused).TotalSeconds:F2} s, {(GC.GetTotalAllocatedBytes() - allocated) / 1e6:N0} MB allocated"));
        var seconds = clock.Elapsed.TotalSeconds;
        System.Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label}: {statistics.Batches / seconds:N0} batches/s, {statistics.Events / seconds:N0} events/s over {statistics.Batches:N0} batches ({events:N0} events) from {users:N0} users{(newUsers > 0 ? $" and {newUsers:N0} new ones" : "")}, {seedProfiles:N0} profiles seeded; " +
            $"{statistics.Totals.ProfilesCreated:N0} profiles created, {statistics.Totals.MembershipChanges:N0} membership changes, 20 {(builderCriteria ? "builder" : "classic")} audiences, {lanes} lane(s), {seconds:F1} s"));
        return statistics.Batches / seconds;
    }

    /// <summary>
    /// The profile database after seeding <paramref name="count"/> profiles, made once and kept in the temp folder (about
    /// 3.5 minutes for a million on the build machine), so rounds start from the same file. The name carries the module ids
    /// of the storage, core and benchmark assemblies: a changed store (schema, indexes, page size) or seeder is seeded afresh.
    /// </summary>
    private static async Task<string> SeededStoreAsync(int count, bool builderCriteria, TimeProvider time)
    {
        // Deterministic builds: the same source gives the same module ids, any change to the store, the processor or the seeder new ones.
        var build = typeof(SqliteProfileStore).Assembly.ManifestModule.ModuleVersionId.GetHashCode() ^ typeof(BatchProcessor).Assembly.ManifestModule.ModuleVersionId.GetHashCode()
            ^ typeof(ProfileSeeder).Assembly.ManifestModule.ModuleVersionId.GetHashCode();
        var directory = Path.Combine(Path.GetTempPath(), string.Create(CultureInfo.InvariantCulture,
            $"switchyard-process-seed-{(builderCriteria ? "builder" : "classic")}-{count}-{build:x}"));
        var file = Path.Combine(directory, "profiles.db");
        if (File.Exists(Path.Combine(directory, "complete")))
        {
            System.Console.WriteLine($"seed: reusing {file}");
            return file;
        }

        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        var options = new SqliteStorageOptions { DataDirectory = directory };
        await using (var profiles = await SqliteProfileStore.OpenAsync(options, time))
        await using (var audiences = await SqliteAudienceStore.OpenAsync(options, time))
        {
            foreach (var (id, json) in builderCriteria ? BuilderAudiences() : Audiences())
            {
                await audiences.UpsertAsync(id, json, null, default);
            }

            var runtime = new AudienceRuntime(audiences, new EvaluatedAudienceVersion(directory), time, NullLogger<AudienceRuntime>.Instance);
            var (evaluator, _, _) = await runtime.CurrentAsync(default);
            await ProfileSeeder.SeedAsync(profiles, evaluator, count, time.GetUtcNow().ToUnixTimeMilliseconds());
        }

        await File.WriteAllTextAsync(Path.Combine(directory, "complete"), "");
        return file;
    }

    private static async Task SeedAsync(IProfileStore profiles, IAudienceStore audiences, string directory, int count, bool builderCriteria, TimeProvider time)
    {
        foreach (var (id, json) in builderCriteria ? BuilderAudiences() : Audiences())
        {
            await audiences.UpsertAsync(id, json, null, default);
        }

        var runtime = new AudienceRuntime(audiences, new EvaluatedAudienceVersion(directory), time, NullLogger<AudienceRuntime>.Instance);
        var (evaluator, _, _) = await runtime.CurrentAsync(default);
        await ProfileSeeder.SeedAsync(profiles, evaluator, count, time.GetUtcNow().ToUnixTimeMilliseconds());
    }

    /// <summary>
    /// The users of the timed batches: the first <paramref name="users"/> spread evenly over the seeded ones (every
    /// seeded/users-th), so they sit all over the tables whatever their size; the rest new, numbered from the seeded count.
    /// </summary>
    private static Func<int, int> TimedUsers(int users, int seeded)
    {
        var stride = Math.Max(1, seeded / users);
        var firstNew = Math.Max(seeded, users * stride);
        return drawn => drawn < users ? drawn * stride : firstNew + (drawn - users);
    }

    private static async Task<long> FillAsync(IInboxStore inbox, int batches, int users, Func<int, int> userOf)
    {
        long events = 0;
        var options = new IngestParseOptions(TimeProvider.System.GetUtcNow());
        for (var seed = 0; batches > 0; seed++)
        {
            var payloads = PayloadFactory.Create(100, 5, seed, users, userOf);
            var body = new byte[payloads.Template.Length];
            long counter = seed * 1_000L;
            payloads.Stamp(body, ref counter);
            var parsed = EventsApiParser.ParseBulk(body, options);
            var take = Math.Min(batches, parsed.Batches.Count);
            await inbox.AppendAsync([.. parsed.Batches.Take(take).Select(b => new InboxRecord("bench", null, b.Raw) { PartitionKey = Core.Partitions.UserPartitions.KeyOf(b.Batch) })], default);
            events += parsed.Batches.Take(take).Sum(b => b.Batch.Events.Count);
            batches -= take;
        }

        return events;
    }

    /// <summary>Twenty audiences of every criterion kind, as a marketer might define them.</summary>
    private static IEnumerable<(int Id, string Json)> Audiences()
    {
        string[] criteria =
        [
            """{"attribute":"plan","operator":"equals","value":"pro"}""",
            """{"attribute":"plan","operator":"equals","value":"free"}""",
            """{"attribute":"$FirstName","operator":"pattern","value":"Ada1*"}""",
            """{"attribute":"visits","operator":"greater_than","value":25}""",
            """{"attribute":"visits","operator":"between","value":5,"max":10}""",
            """{"attribute":"favourite genres","operator":"includes","value":"jazz"}""",
            """{"identity":"email"}""",
            """{"identity":"device:ios_idfv"}""",
            """{"event":{"type":"custom_event","name":"Added to Wishlist"},"count":{"operator":"at_least","value":2},"within_days":30}""",
            """{"event":{"type":"custom_event","name":"Added to Wishlist"},"within_days":7,"where":[{"attribute":"category","operator":"equals","value":"shoes"}]}""",
            """{"event":{"type":"commerce_event","action":"purchase"},"within_days":30}""",
            """{"event":{"type":"commerce_event","action":"purchase"},"count":{"operator":"exactly","value":0},"within_days":30}""",
            """{"event":{"type":"screen_view"},"count":{"operator":"at_least","value":3}}""",
            """{"event":{"type":"session_start"},"within_days":1}""",
            """{"and":[{"attribute":"plan","operator":"equals","value":"pro"},{"event":{"type":"commerce_event","action":"purchase"},"within_days":30}]}""",
            """{"or":[{"attribute":"visits","operator":"less_than","value":3},{"event":{"type":"screen_view"},"within_days":1}]}""",
            """{"not":{"attribute":"plan","operator":"equals","value":"pro"}}""",
            """{"and":[{"identity":"email"},{"not":{"event":{"type":"custom_event","name":"Added to Wishlist"},"within_days":30}}]}""",
            """{"member_of":1}""",
            """{"and":[{"member_of":4},{"attribute":"plan","operator":"not_equals","value":"free"}]}""",
        ];
        return Numbered(criteria);
    }

    /// <summary>
    /// Twenty audiences built with the criteria that match mParticle's audience builder (docs/audiences.md): date
    /// operators, type overrides, identity values, consent, device, location and first/last seen, alone and combined.
    /// </summary>
    private static IEnumerable<(int Id, string Json)> BuilderAudiences()
    {
        string[] criteria =
        [
            """{"seen":"first","operator":"within_last_days","value":7}""",
            """{"not":{"seen":"last","operator":"within_last_days","value":30}}""",
            """{"seen":"first","operator":"before","value":"2026-01-01"}""",
            """{"seen":"last","operator":"after","value":"2025-11-20"}""",
            """{"attribute":"visits","operator":"greater_than","value":"25","as":"number"}""",
            """{"attribute":"visits","operator":"equals","value":"7","as":"string"}""",
            """{"attribute":"plan","operator":"starts_with","value":"pr"}""",
            """{"identity":"email","operator":"ends_with","value":"7@example.com"}""",
            """{"identity":"customer_id","operator":"pattern","value":"cust-1*"}""",
            """{"consent":"gdpr:marketing","consented":true}""",
            """{"not":{"consent":"ccpa:data_sale_opt_out","consented":true}}""",
            """{"device":"platform","operator":"equals","value":"iOS"}""",
            """{"device":"os_version","operator":"pattern","value":"18.*"}""",
            """{"device":"device_model","operator":"starts_with","value":"iPhone15"}""",
            """{"location":"country","operator":"equals","value":"ES"}""",
            """{"location":"city","operator":"not_equals","value":"Barcelona"}""",
            """{"and":[{"device":"platform","operator":"equals","value":"iOS"},{"identity":"email","operator":"ends_with","value":"@example.com"},{"seen":"last","operator":"within_last_days","value":7}]}""",
            """{"or":[{"consent":"gdpr:marketing","consented":true},{"attribute":"visits","operator":"less_than","value":"3","as":"number"}]}""",
            """{"and":[{"seen":"first","operator":"within_last_days","value":30},{"event":{"type":"commerce_event","action":"purchase"},"within_days":30}]}""",
            """{"and":[{"location":"country","operator":"equals","value":"ES"},{"not":{"seen":"last","operator":"within_last_days","value":1}}]}""",
        ];
        return Numbered(criteria);
    }

    private static IEnumerable<(int Id, string Json)> Numbered(string[] criteria)
    {
        for (var i = 0; i < criteria.Length; i++)
        {
            yield return (i + 1, $$$"""{"id":{{{i + 1}}},"name":"Audience {{{i + 1}}}","criteria":{{{criteria[i]}}}}""");
        }
    }
}
