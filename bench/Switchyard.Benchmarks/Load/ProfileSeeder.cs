using System.Diagnostics;
using System.Globalization;
using Switchyard.Core.Audiences;
using Switchyard.Core.Delivery;
using Switchyard.Core.Ingest;
using Switchyard.Core.Processing;
using Switchyard.Core.Profiles;

namespace Switchyard.Benchmarks.Load;

/// <summary>
/// Fills the profile store with users <c>0</c> to <c>count − 1</c> of the load generator before a timed run. Each user's
/// profile is what the processor makes of one batch from that user (the same body the timed run sends: identities,
/// device, attributes, five events), audiences evaluated, memberships, expiry index and membership log written, all
/// through the store's own session in transactions of <see cref="UsersPerSession"/> users. What is skipped is only the
/// search for an existing owner of each identity (the users are known to be new) and the inbox: the profiles are
/// built straight from parsed batches.
/// </summary>
internal static class ProfileSeeder
{
    private const int UsersPerSession = 20_000;
    private const int UsersPerBody = 100;

    public static async Task SeedAsync(IProfileStore store, IAudienceEvaluator audiences, int count, long nowMs)
    {
        if (count <= 0)
        {
            return;
        }

        var clock = Stopwatch.StartNew();
        var processor = new BatchProcessor(new ProcessingSettings());
        var mpids = new MpidSequence(count);
        var parseOptions = new IngestParseOptions(DateTimeOffset.FromUnixTimeMilliseconds(nowMs));
        for (var first = 0; first < count; first += UsersPerSession)
        {
            using var session = await store.BeginSessionAsync(default);
            var seeding = new NewUsersSession(session, mpids);
            var end = Math.Min(count, first + UsersPerSession);
            for (var user = first; user < end; user += UsersPerBody)
            {
                var payloads = PayloadFactory.ForUsers(user, Math.Min(UsersPerBody, end - user), 5, seed: user);
                var body = new byte[payloads.Template.Length];
                long counter = 0;
                payloads.Stamp(body, ref counter);
                foreach (var parsed in EventsApiParser.ParseBulk(body, parseOptions).Batches)
                {
                    await processor.ProcessAsync(seeding, parsed.Batch, nowMs, audiences, nowMs, default);
                }
            }

            await session.CommitAsync(default);
        }

        System.Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seeded {count:N0} profiles in {clock.Elapsed.TotalSeconds:F1} s (not timed)"));
    }

    /// <summary>
    /// Random MPIDs over the whole signed 64-bit range, given out in the order drawn, as the store hands them out to
    /// users as they arrive. The profile table then grows by inserts all over its key range, as in a store the server
    /// filled: with a million profiles its leaf pages are 83 % full. Given out in ascending order the MPIDs would append,
    /// which seeds about twice as fast, but SQLite packs appended pages to 94 %, so the timed run's first update of a
    /// profile more often split its page (docs/benchmarks.md, "Re-measured 2026-12-07: larger chunks").
    /// </summary>
    private sealed class MpidSequence
    {
        private readonly long[] _mpids;
        private int _next;

        public MpidSequence(int count)
        {
            var random = new Random(20_261_206);
            var drawn = new HashSet<long>(count);
            _mpids = new long[count];
            var filled = 0;
            while (filled < count)
            {
                var mpid = random.NextInt64(long.MinValue, long.MaxValue);
                if (mpid != 0 && drawn.Add(mpid))
                {
                    _mpids[filled++] = mpid;
                }
            }
        }

        public long Next() => _mpids[_next++];
    }

    /// <summary>The store's session, except that every user is new: no identity has an owner and MPIDs come from the sequence.</summary>
    private sealed class NewUsersSession(IProfileSession inner, MpidSequence mpids) : IProfileSession
    {
        public long Checkpoint => inner.Checkpoint;

        public ValueTask<long?> FindMpidAsync(string identityKey, string value, CancellationToken cancellationToken) => ValueTask.FromResult<long?>(null);

        public ValueTask<Profile?> LoadAsync(long mpid, CancellationToken cancellationToken) => ValueTask.FromResult<Profile?>(null);

        public ValueTask<long> NewMpidAsync(CancellationToken cancellationToken) => ValueTask.FromResult(mpids.Next());

        public void Save(Profile profile) => inner.Save(profile);

        public void Delete(long mpid) => inner.Delete(mpid);

        public void AppendMembershipChange(MembershipChange change) => inner.AppendMembershipChange(change);

        public ValueTask<IReadOnlyList<long>> MembersOfAnyAsync(IReadOnlyCollection<int> audienceIds, CancellationToken cancellationToken) => inner.MembersOfAnyAsync(audienceIds, cancellationToken);

        public void ScheduleEvaluation(long mpid, long? dueMs) => inner.ScheduleEvaluation(mpid, dueMs);

        public ValueTask<IReadOnlyList<long>> DueForEvaluationAsync(long nowMs, int limit, CancellationToken cancellationToken) => inner.DueForEvaluationAsync(nowMs, limit, cancellationToken);

        public void SetCheckpoint(long sequence) => inner.SetCheckpoint(sequence);

        public void AdvancePartitions(IReadOnlyCollection<int> partitions, long sequence) => inner.AdvancePartitions(partitions, sequence);

        public void AdvancePartitions(IReadOnlyCollection<Core.Partitions.PartitionLease> leases, long sequence) => inner.AdvancePartitions(leases, sequence);

        public void AddToTotals(ProcessingTotals delta) => inner.AddToTotals(delta);

        public void Enqueue(OutboxEntry entry) => inner.Enqueue(entry);

        public void RequireDurableCommit() => inner.RequireDurableCommit();

        public Task CommitAsync(CancellationToken cancellationToken) => inner.CommitAsync(cancellationToken);

        // The seeder owns the inner session and disposes it.
        public void Dispose()
        {
        }
    }
}
