using Microsoft.Extensions.Time.Testing;
using Switchyard.Core.Delivery;
using Switchyard.Core.Ingest.Model;
using Switchyard.Core.Privacy;
using Switchyard.Core.Profiles;

namespace Switchyard.Storage.Compliance;

/// <summary>
/// The profile store as a data subject request sees it (<see cref="ISubjectDataStore"/>): finding a subject, collecting
/// everything held about it, and erasing all of it and nothing of anyone else. A provider's test class inherits this
/// and says how to open its profile store; the subject data and delivery sides are, by default, the same object.
/// </summary>
public abstract class SubjectDataStoreComplianceTests : IAsyncLifetime
{
    protected const string Braze = "braze-eu";
    protected const string Other = "braze-us";

    private readonly List<IProfileStore> _opened = [];

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero));

    protected long Now => Time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Opens the provider's profile store.</summary>
    protected abstract Task<IProfileStore> OpenStoreAsync();

    /// <summary>The subject data side of the profile store; by default the same object.</summary>
    protected virtual ISubjectDataStore SubjectsOf(IProfileStore store) => (ISubjectDataStore)store;

    /// <summary>The delivery side of the profile store; by default the same object.</summary>
    protected virtual IDeliveryStore DeliveryOf(IProfileStore store) => (IDeliveryStore)store;

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        foreach (var store in _opened)
        {
            await store.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_subject_found_by_identity_is_collected_and_then_erased_with_its_links()
    {
        var store = await OpenAsync();
        var subjects = SubjectsOf(store);
        await SaveAsync(store, ProfileSamples.Minimal(7, customerId: "c-7"), ProfileSamples.Minimal(8, customerId: "c-8"));

        Assert.Equal(7, await subjects.FindMpidAsync(IdentityKeys.CustomerId, "c-7", default));
        var held = await subjects.CollectAsync(7, default);
        Assert.NotNull(held);
        Assert.Contains(new KeyValuePair<string, string>(IdentityKeys.CustomerId, "c-7"), held.IdentityLinks);

        Assert.Equal([7L], await subjects.EraseAsync(Subject((IdentityKeys.CustomerId, "c-7")), default));

        Assert.Null(await subjects.FindMpidAsync(IdentityKeys.CustomerId, "c-7", default));
        Assert.Null(await subjects.CollectAsync(7, default));
        Assert.NotNull(await subjects.CollectAsync(8, default));
        Assert.Empty(await subjects.EraseAsync(Subject((IdentityKeys.CustomerId, "c-7")), default));
    }

    [Fact]
    public async Task Collecting_returns_the_profile_its_links_audiences_membership_log_ledgers_and_what_waits_for_delivery()
    {
        var store = await OpenAsync();
        await HoldAsync(store, 7);
        await HoldAsync(store, 8);

        var held = await SubjectsOf(store).CollectAsync(7, default);

        Assert.NotNull(held);
        Assert.Equal(ProfileSamples.Describe(Person(7)), ProfileSamples.Describe(held.Profile));
        Assert.Equal(
            [(IdentityKeys.CustomerId, "c-7"), (IdentityKeys.Device("ios_idfv"), "idfv-7")],
            held.IdentityLinks.Select(l => (l.Key, l.Value)).OrderBy(l => l.Key, StringComparer.Ordinal));
        Assert.Equal([1, 2], held.Audiences.Order());
        Assert.Equal(
            [(1, 7L, MembershipAction.Add, Now), (2, 7L, MembershipAction.Add, Now + 1), (1, 7L, MembershipAction.Remove, Now + 2)],
            held.MembershipLog.Select(c => (c.AudienceId, c.Mpid, c.Action, c.AtMs)));
        Assert.True(held.MembershipLog[0].Id < held.MembershipLog[1].Id && held.MembershipLog[1].Id < held.MembershipLog[2].Id);
        Assert.Equal([new LedgerEntry(Braze, "email", "h-7"), new LedgerEntry(Braze, "score", "s-7"), new LedgerEntry(Other, "city", "x-7")], held.Ledgers);
        Assert.Equal((2, 1), (held.QueuedItems, held.DeadLetters));
    }

    [Fact]
    public async Task Collecting_an_mpid_without_a_profile_returns_nothing()
    {
        var store = await OpenAsync();
        await HoldAsync(store, 8);

        Assert.Null(await SubjectsOf(store).CollectAsync(7, default));
    }

    [Fact]
    public async Task Erasing_removes_everything_held_about_the_subject_and_nothing_of_anyone_else()
    {
        var store = await OpenAsync();
        var subjects = SubjectsOf(store);
        var delivery = DeliveryOf(store);
        await HoldAsync(store, 7);
        await HoldAsync(store, 8);
        var before = await subjects.CollectAsync(8, default);

        Assert.Equal([7L], await subjects.EraseAsync(Subject(mpids: 7), default));

        Assert.Null(await store.FindProfileAsync(7, default));
        Assert.Null(await subjects.CollectAsync(7, default));
        Assert.Null(await subjects.FindMpidAsync(IdentityKeys.CustomerId, "c-7", default));
        Assert.Null(await subjects.FindMpidAsync(IdentityKeys.Device("ios_idfv"), "idfv-7", default));
        Assert.Equal([8L], await store.MembersAsync(2, null, 10, default));
        Assert.Equal(1, await store.CountMembersAsync(2, default));
        Assert.All(await store.ReadMembershipChangesAsync(0, 100, default), c => Assert.Equal(8, c.Mpid));
        using (var session = await store.BeginSessionAsync(default))
        {
            Assert.Equal([8L], await session.DueForEvaluationAsync(long.MaxValue, 10, default));
        }

        Assert.Equal([8L, 8L], (await delivery.ClaimDueAsync(Braze, Now, 10, default)).Select(i => i.Mpid));
        Assert.Equal([8L], (await delivery.DeadLettersAsync(null, 0, 10, default)).Select(l => l.Mpid));
        Assert.Empty(await delivery.LastSentAsync(Braze, 7, default));
        Assert.Empty(await delivery.LastSentAsync(Other, 7, default));

        var after = await subjects.CollectAsync(8, default);
        Assert.NotNull(after);
        Assert.Equal(ProfileSamples.Describe(before!.Profile), ProfileSamples.Describe(after.Profile));
        Assert.Equal(Sorted(before.IdentityLinks), Sorted(after.IdentityLinks));
        Assert.Equal(before.MembershipLog, after.MembershipLog);
        Assert.Equal(before.Ledgers, after.Ledgers);
        Assert.Equal((2, 1), (after.QueuedItems, after.DeadLetters));
    }

    [Fact]
    public async Task An_erasure_finds_the_subjects_profiles_by_its_mpids_and_by_each_of_its_identities()
    {
        var store = await OpenAsync();
        var subjects = SubjectsOf(store);
        await SaveAsync(
            store,
            ProfileSamples.Minimal(7, customerId: "c-7"),
            ProfileSamples.Minimal(8, customerId: "c-8"),
            ProfileSamples.Minimal(9, idfv: "idfv-9"),
            ProfileSamples.Minimal(10, customerId: "c-10"));
        var subject = Subject((IdentityKeys.CustomerId, "c-7"), (IdentityKeys.Device("ios_idfv"), "idfv-9"), (IdentityKeys.Email, "nobody@example.com"));
        subject.AddMpid(10);
        subject.AddMpid(404);

        var erased = await subjects.EraseAsync(subject, default);

        // The MPIDs the subject gave are reported whether or not a profile of theirs was left to erase.
        Assert.Equal([7L, 9L, 10L], erased.Where(m => m != 404).Order());
        Assert.DoesNotContain(8L, erased);
        Assert.Null(await store.FindProfileAsync(9, default));
        Assert.Null(await store.FindProfileAsync(10, default));
        Assert.NotNull(await store.FindProfileAsync(8, default));
        Assert.Equal(8, await subjects.FindMpidAsync(IdentityKeys.CustomerId, "c-8", default));
    }

    [Fact]
    public async Task An_erasure_of_someone_the_store_does_not_hold_erases_nothing()
    {
        var store = await OpenAsync();
        await HoldAsync(store, 8);
        var before = await SubjectsOf(store).CollectAsync(8, default);

        Assert.Empty(await SubjectsOf(store).EraseAsync(Subject((IdentityKeys.CustomerId, "c-7")), default));
        Assert.Empty(await SubjectsOf(store).EraseAsync(new DsrSubject(), default));

        var after = await SubjectsOf(store).CollectAsync(8, default);
        Assert.Equal((before!.QueuedItems, before.DeadLetters, before.Ledgers.Count, before.MembershipLog.Count), (after!.QueuedItems, after.DeadLetters, after.Ledgers.Count, after.MembershipLog.Count));
    }

    [Fact]
    public async Task A_session_that_read_the_subject_before_the_erasure_conflicts_at_commit_and_brings_nothing_back()
    {
        var store = await OpenAsync();
        var delivery = DeliveryOf(store);
        await SaveAsync(store, ProfileSamples.Minimal(7, customerId: "c-7", audiences: 1));

        using (var session = await store.BeginSessionAsync(default))
        {
            Assert.Equal(7, await session.FindMpidAsync(IdentityKeys.CustomerId, "c-7", default));
            var profile = (await session.LoadAsync(7, default))!;
            profile.LastSeenMs = Now;
            session.Save(profile);
            session.Enqueue(new OutboxEntry(Braze, 7, "{}", Now));
            session.AppendMembershipChange(new MembershipChange(0, 2, 7, MembershipAction.Add, Now));

            Assert.Equal([7L], await SubjectsOf(store).EraseAsync(Subject(mpids: 7), default));

            await Assert.ThrowsAsync<ProfileWriteConflictException>(() => session.CommitAsync(default));
        }

        Assert.Null(await store.FindProfileAsync(7, default));
        Assert.Null(await store.FindMpidAsync(IdentityKeys.CustomerId, "c-7", default));
        Assert.Empty(await delivery.ClaimDueAsync(Braze, Now, 10, default));
        Assert.Empty(await store.ReadMembershipChangesAsync(0, 10, default));
    }

    [Fact]
    public async Task An_audience_job_whose_cursor_rests_on_an_erased_mpid_is_moved_below_it()
    {
        var store = await OpenAsync();
        var sync = (IAudienceSyncStore)DeliveryOf(store);
        await SaveAsync(store, ProfileSamples.Minimal(7, audiences: 1), ProfileSamples.Minimal(8, audiences: 1));
        var job = await sync.StartAudienceJobAsync(Braze, 1, AudienceJobKind.Sync, 2, Now, default);
        await sync.AdvanceAudienceJobAsync(job.Id, job.Phase, 7, 1, [], false, Now, default);

        await SubjectsOf(store).EraseAsync(Subject(mpids: 7), default);

        var moved = await sync.FindAudienceJobAsync(job.Id, default);
        Assert.Equal((6L, 1L, AudienceJobState.Running), (moved!.CursorMpid, moved.Processed, moved.State));
    }

    [Fact]
    public async Task What_the_processor_has_committed_is_read_back_as_processed_through()
    {
        var store = await OpenAsync();
        Assert.Equal(0, await SubjectsOf(store).ProcessedThroughAsync(default));

        using (var session = await store.BeginSessionAsync(default))
        {
            session.SetCheckpoint(42);
            await session.CommitAsync(default);
        }

        Assert.Equal(42, await SubjectsOf(store).ProcessedThroughAsync(default));
    }

    [Fact]
    public async Task An_erasure_whose_token_is_already_cancelled_throws_and_erases_nothing()
    {
        var store = await OpenAsync();
        var subjects = SubjectsOf(store);
        await SaveAsync(store, ProfileSamples.Minimal(7, customerId: "c-7"), ProfileSamples.Minimal(8, customerId: "c-8"));
        var subject = Subject((IdentityKeys.CustomerId, "c-7"));
        subject.AddMpid(8);
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => subjects.EraseAsync(subject, cancellation.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => subjects.FindMpidAsync(IdentityKeys.CustomerId, "c-7", cancellation.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => subjects.CollectAsync(7, cancellation.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => subjects.ProcessedThroughAsync(cancellation.Token));

        Assert.Equal(7, await subjects.FindMpidAsync(IdentityKeys.CustomerId, "c-7", default));
        Assert.NotNull(await subjects.CollectAsync(7, default));
        Assert.NotNull(await subjects.CollectAsync(8, default));
    }

    /// <summary>The profile <see cref="HoldAsync"/> stores: a customer id, a device identity and two audiences.</summary>
    protected static Profile Person(long mpid)
    {
        var profile = ProfileSamples.Minimal(mpid, customerId: $"c-{mpid}", idfv: $"idfv-{mpid}", 1, 2);
        profile.Attributes["city"] = new StoredAttribute { Kind = AttributeValueKind.String, Text = $"city-{mpid}", UpdatedAtMs = 10 };
        return profile;
    }

    /// <summary>
    /// Stores something of every kind for one user: <see cref="Person"/>, three membership log entries, an evaluation
    /// schedule, three outbox items of which one is then dead-lettered, and ledgers of two outputs.
    /// </summary>
    protected async Task HoldAsync(IProfileStore store, long mpid)
    {
        var delivery = DeliveryOf(store);
        using (var session = await store.BeginSessionAsync(default))
        {
            session.Save(Person(mpid));
            session.AppendMembershipChange(new MembershipChange(0, 1, mpid, MembershipAction.Add, Now));
            session.AppendMembershipChange(new MembershipChange(0, 2, mpid, MembershipAction.Add, Now + 1));
            session.AppendMembershipChange(new MembershipChange(0, 1, mpid, MembershipAction.Remove, Now + 2));
            session.ScheduleEvaluation(mpid, Now + 60_000);
            for (var i = 0; i < 3; i++)
            {
                session.Enqueue(new OutboxEntry(Braze, mpid, $"{{\"n\":{i}}}", Now));
            }

            await session.CommitAsync(default);
        }

        var first = (await delivery.ClaimDueAsync(Braze, Now, 100, default)).First(i => i.Mpid == mpid);
        await delivery.DeadLetterAsync(first.Id, "400 rejected", Now, null, default);
        await delivery.RecordSentAsync(Braze, mpid, new Dictionary<string, string?> { ["email"] = $"h-{mpid}", ["score"] = $"s-{mpid}" }, default);
        await delivery.RecordSentAsync(Other, mpid, new Dictionary<string, string?> { ["city"] = $"x-{mpid}" }, default);
    }

    protected static async Task SaveAsync(IProfileStore store, params Profile[] profiles)
    {
        using var session = await store.BeginSessionAsync(default);
        foreach (var profile in profiles)
        {
            session.Save(profile);
        }

        await session.CommitAsync(default);
    }

    protected static DsrSubject Subject(params (string Key, string Value)[] identities) => SubjectOf(identities, []);

    protected static DsrSubject Subject(params long[] mpids) => SubjectOf([], mpids);

    protected async Task<IProfileStore> OpenAsync()
    {
        var store = await OpenStoreAsync();
        _opened.Add(store);
        return store;
    }

    private static IEnumerable<(string, string)> Sorted(IEnumerable<KeyValuePair<string, string>> links) =>
        links.Select(l => (l.Key, l.Value)).OrderBy(l => l.Key, StringComparer.Ordinal).ThenBy(l => l.Value, StringComparer.Ordinal);

    private static DsrSubject SubjectOf((string Key, string Value)[] identities, long[] mpids)
    {
        var subject = new DsrSubject();
        foreach (var (key, value) in identities)
        {
            subject.Add(key, value);
        }

        foreach (var mpid in mpids)
        {
            subject.AddMpid(mpid);
        }

        return subject;
    }
}
