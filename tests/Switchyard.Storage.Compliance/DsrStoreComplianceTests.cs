using Microsoft.Extensions.Time.Testing;
using Switchyard.Core.Privacy;

namespace Switchyard.Storage.Compliance;

/// <summary>
/// The behaviour every provider's store of data subject requests must show (<see cref="IDsrStore"/>): requests, the
/// guarded steps and cancellation, and (in the partial file for queues) the status callbacks and Braze deletions they
/// cause. A provider's test class inherits this and says how to open its store with <see cref="Time"/> as its clock; a
/// store that is <see cref="IAsyncDisposable"/> is disposed to reopen it.
/// </summary>
public abstract partial class DsrStoreComplianceTests : IAsyncLifetime
{
    protected const string HookA = "https://hooks.example.com/dsr/a";
    protected const string HookB = "https://hooks.example.com/dsr/b";

    private readonly List<IDsrStore> _opened = [];

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero));

    protected DateTimeOffset Now => Time.GetUtcNow();

    /// <summary>Opens the provider's store. Called again after a dispose, it must see the same data.</summary>
    protected abstract Task<IDsrStore> OpenStoreAsync();

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        foreach (var store in _opened)
        {
            await CloseAsync(store);
        }
    }

    [Fact]
    public async Task A_stored_request_comes_back_with_every_field_it_was_given()
    {
        var store = await OpenAsync();
        var full = Request("r-full") with
        {
            Type = DsrRequestType.Portability,
            Status = DsrStatus.InProgress,
            SubmittedTime = Now.AddMinutes(-3),
            ReceivedTime = Now.AddMilliseconds(-250),
            ExpectedCompletionTime = Now.AddDays(7),
            NotBefore = Now.AddHours(1),
            GroupId = "batch-7",
            CallbackUrls = [HookA, HookB],
            Stage = DsrStages.Collect,
            InboxMark = 9_000_000_000,
            SweepAt = Now.AddMinutes(5),
            CompletedTime = Now.AddMinutes(6),
            ResultsCount = 2,
        };
        var bare = Request("r-bare") with { CallbackUrls = [], Subject = null };
        await store.InsertAsync(full, [], default);
        await store.InsertAsync(bare, [], default);

        var found = await FindAsync(store, "r-full");
        Assert.Equal(full, found with { CallbackUrls = full.CallbackUrls });
        Assert.Equal([HookA, HookB], found.CallbackUrls);
        var foundBare = await FindAsync(store, "r-bare");
        Assert.Equal(bare, foundBare with { CallbackUrls = bare.CallbackUrls });
        Assert.Empty(foundBare.CallbackUrls);
        Assert.Equal((DsrStages.Resolve, (string?)null, (int?)null, (DateTimeOffset?)null), (foundBare.Stage, foundBare.GroupId, foundBare.ResultsCount, foundBare.SweepAt));
    }

    [Fact]
    public async Task A_repeated_id_writes_nothing_and_a_request_and_its_callbacks_survive_a_reopen()
    {
        var store = await OpenAsync();
        Assert.True(await store.InsertAsync(Request("r-1"), ["{\"request_status\":\"pending\"}"], default));
        Assert.False(await store.InsertAsync(Request("r-1") with { Regulation = "ccpa" }, ["{\"again\":true}"], default));

        var reopened = await ReopenAsync(store);

        var found = await FindAsync(reopened, "r-1");
        Assert.Equal("gdpr", found.Regulation);
        Assert.Equal([HookA], found.CallbackUrls);
        var callback = Assert.Single(await reopened.DueCallbacksAsync(DateTimeOffset.MaxValue, 10, default));
        Assert.Equal(("r-1", HookA, "{\"request_status\":\"pending\"}", 0), (callback.RequestId, callback.Url, callback.Body, callback.Attempts));
    }

    [Fact]
    public async Task A_request_that_was_never_stored_is_not_found_and_nothing_can_be_done_to_it()
    {
        var store = await OpenAsync();

        Assert.Null(await store.FindAsync("nobody", default));
        Assert.Null(await store.ResultAsync("nobody", default));
        Assert.Empty(await store.DeletionsOfAsync("nobody", default));
        Assert.False(await store.AdvanceAsync(DsrStages.Resolve, Request("nobody"), ["{}"], [Deletion("nobody", "c-1")], "{}", default));
        Assert.False(await store.CancelAsync("nobody", Now, _ => throw new InvalidOperationException("Not to be called."), default));
        Assert.Null(await store.FindAsync("nobody", default));
        Assert.Empty(await store.DueCallbacksAsync(DateTimeOffset.MaxValue, 10, default));
        Assert.Empty(await store.DueDeletionsAsync(DateTimeOffset.MaxValue, 10, default));
    }

    [Fact]
    public async Task Requests_are_listed_in_id_order_page_by_page_of_every_group_or_one()
    {
        var store = await OpenAsync();
        foreach (var (id, group) in new[] { ("r-c", "g1"), ("r-a", null), ("r-e", "g1"), ("r-b", "g2"), ("r-d", "g1") })
        {
            await store.InsertAsync(Request(id) with { GroupId = group }, [], default);
        }

        Assert.Equal(["r-a", "r-b"], Ids(await store.ListAsync(null, null, 2, default)));
        Assert.Equal(["r-c", "r-d"], Ids(await store.ListAsync(null, "r-b", 2, default)));
        Assert.Equal(["r-e"], Ids(await store.ListAsync(null, "r-d", 2, default)));
        Assert.Empty(await store.ListAsync(null, "r-e", 2, default));
        Assert.Equal(["r-c", "r-d", "r-e"], Ids(await store.ListAsync(null, "r-bb", 10, default)));

        Assert.Equal(["r-c", "r-d"], Ids(await store.ListAsync("g1", null, 2, default)));
        Assert.Equal(["r-e"], Ids(await store.ListAsync("g1", "r-d", 2, default)));
        Assert.Equal(["r-b"], Ids(await store.ListAsync("g2", null, 10, default)));
        Assert.Empty(await store.ListAsync("g3", null, 10, default));
    }

    [Fact]
    public async Task Active_requests_are_the_pending_and_in_progress_ones_oldest_received_first()
    {
        var store = await OpenAsync();
        await store.InsertAsync(Request("r-new") with { ReceivedTime = Now.AddMinutes(2) }, [], default);
        await store.InsertAsync(Request("r-old"), [], default);
        await store.InsertAsync(Request("r-mid") with { ReceivedTime = Now.AddMinutes(1) }, [], default);
        await store.InsertAsync(Request("r-done") with { ReceivedTime = Now.AddMinutes(-5) }, [], default);
        await store.InsertAsync(Request("r-gone") with { ReceivedTime = Now.AddMinutes(-4) }, [], default);
        await store.AdvanceAsync(DsrStages.Resolve, (await FindAsync(store, "r-mid")) with { Status = DsrStatus.InProgress, Stage = DsrStages.Inbox }, [], [], null, default);
        await store.AdvanceAsync(DsrStages.Resolve, (await FindAsync(store, "r-done")) with { Status = DsrStatus.Completed, Stage = DsrStages.Done, Subject = null }, [], [], null, default);
        await store.CancelAsync("r-gone", Now, _ => "{}", default);

        Assert.Equal(["r-old", "r-mid", "r-new"], Ids(await store.ActiveAsync(10, default)));
        Assert.Equal(["r-old", "r-mid"], Ids(await store.ActiveAsync(2, default)));
    }

    [Fact]
    public async Task A_step_replaces_the_requests_state_and_queues_each_body_for_every_callback_url()
    {
        var store = await OpenAsync();
        await store.InsertAsync(Request("r-2") with { CallbackUrls = [HookA, HookB] }, [], default);
        var updated = (await FindAsync(store, "r-2")) with
        {
            Status = DsrStatus.InProgress,
            Stage = DsrStages.Forward,
            Subject = """{"Identities":{"email":["a@example.com"],"customerid":["c-1"]},"Mpids":[5,6]}""",
            ExpectedCompletionTime = Now.AddDays(3),
            NotBefore = Now.AddMinutes(1),
            InboxMark = 77,
            SweepAt = Now.AddMinutes(2),
            ResultsCount = 2,
        };
        Time.Advance(TimeSpan.FromSeconds(1));

        Assert.True(await store.AdvanceAsync(DsrStages.Resolve, updated, ["first", "second"], [], null, default));

        Assert.Equal(updated, (await FindAsync(store, "r-2")) with { CallbackUrls = updated.CallbackUrls });
        var queued = await store.DueCallbacksAsync(Now, 10, default);
        Assert.Equal([(HookA, "first"), (HookB, "first"), (HookA, "second"), (HookB, "second")], queued.Select(c => (c.Url, c.Body)));
        Assert.All(queued, c => Assert.Equal(("r-2", 0), (c.RequestId, c.Attempts)));
        Assert.Empty(await store.DueCallbacksAsync(Now.AddMilliseconds(-1), 10, default));
    }

    [Fact]
    public async Task A_step_from_a_stage_the_request_has_left_or_of_a_cancelled_request_writes_nothing()
    {
        var store = await OpenAsync();
        await store.InsertAsync(Request("r-2"), [], default);
        var deletion = Deletion("r-2", "c-1");

        Assert.True(await store.AdvanceAsync(DsrStages.Resolve, (await FindAsync(store, "r-2")) with { Status = DsrStatus.InProgress, Stage = DsrStages.Inbox }, ["{}"], [deletion], null, default));
        Assert.False(await store.AdvanceAsync(DsrStages.Resolve, (await FindAsync(store, "r-2")) with { Stage = DsrStages.Profiles }, ["{}"], [deletion], "{}", default));
        Assert.Equal(DsrStages.Inbox, (await FindAsync(store, "r-2")).Stage);
        Assert.Single(await store.DeletionsOfAsync("r-2", default));
        Assert.Single(await store.DueCallbacksAsync(DateTimeOffset.MaxValue, 10, default));
        Assert.Null(await store.ResultAsync("r-2", default));

        // Only a pending request can be cancelled, and a cancelled one takes no further step.
        Assert.False(await store.CancelAsync("r-2", Now, _ => "{}", default));
        await store.InsertAsync(Request("r-3"), [], default);
        Assert.True(await store.CancelAsync("r-3", Now, _ => "{\"request_status\":\"cancelled\"}", default));
        var cancelled = await FindAsync(store, "r-3");
        Assert.False(await store.AdvanceAsync(DsrStages.Done, cancelled with { Status = DsrStatus.InProgress, Stage = DsrStages.Inbox }, ["{}"], [Deletion("r-3", "c-3")], null, default));
        Assert.Equal((DsrStatus.Cancelled, DsrStages.Done), ((await FindAsync(store, "r-3")).Status, (await FindAsync(store, "r-3")).Stage));
        Assert.Empty(await store.DeletionsOfAsync("r-3", default));
        Assert.Equal(2, (await store.DueCallbacksAsync(DateTimeOffset.MaxValue, 10, default)).Count);
        Assert.DoesNotContain(await store.ActiveAsync(10, default), r => r.Id == "r-3");
    }

    [Fact]
    public async Task A_result_is_stored_by_the_step_that_gives_it_and_kept_by_later_steps_that_give_none()
    {
        var store = await OpenAsync();
        await store.InsertAsync(Request("r-access") with { Type = DsrRequestType.Access }, [], default);
        Assert.Null(await store.ResultAsync("r-access", default));

        var collecting = (await FindAsync(store, "r-access")) with { Status = DsrStatus.InProgress, Stage = DsrStages.Collect };
        Assert.True(await store.AdvanceAsync(DsrStages.Resolve, collecting, [], [], """{"profiles":[{"mpid":5}]}""", default));
        Assert.True(await store.AdvanceAsync(DsrStages.Collect, collecting with { Status = DsrStatus.Completed, Stage = DsrStages.Done, Subject = null }, [], [], null, default));

        Assert.Equal("""{"profiles":[{"mpid":5}]}""", await store.ResultAsync("r-access", default));
        Assert.Equal(DsrStatus.Completed, (await FindAsync(store, "r-access")).Status);
    }

    [Fact]
    public async Task Cancelling_a_pending_request_ends_it_forgets_its_subject_and_queues_the_body_for_every_callback_url()
    {
        var store = await OpenAsync();
        await store.InsertAsync(Request("r-4") with { CallbackUrls = [HookA, HookB], ExpectedCompletionTime = Now.AddDays(30) }, [], default);
        var at = Now.AddMinutes(5);
        DsrRecord? formedFrom = null;

        Assert.True(await store.CancelAsync("r-4", at, r => { formedFrom = r; return $"{{\"status\":\"{DsrWireNames.Of(r.Status)}\"}}"; }, default));

        var cancelled = await FindAsync(store, "r-4");
        Assert.Equal((DsrStatus.Cancelled, DsrStages.Done, (string?)null, (DateTimeOffset?)null, (DateTimeOffset?)at),
            (cancelled.Status, cancelled.Stage, cancelled.Subject, cancelled.ExpectedCompletionTime, cancelled.CompletedTime));
        Assert.NotNull(formedFrom);
        Assert.Equal(cancelled, formedFrom with { CallbackUrls = cancelled.CallbackUrls });
        Assert.Equal([(HookA, "{\"status\":\"cancelled\"}"), (HookB, "{\"status\":\"cancelled\"}")],
            (await store.DueCallbacksAsync(DateTimeOffset.MaxValue, 10, default)).Select(c => (c.Url, c.Body)));

        Assert.False(await store.CancelAsync("r-4", at, _ => throw new InvalidOperationException("Not to be called."), default));
        Assert.Equal(2, (await store.DueCallbacksAsync(DateTimeOffset.MaxValue, 10, default)).Count);
    }

    [Fact]
    public async Task A_request_that_has_started_or_ended_cannot_be_cancelled()
    {
        var store = await OpenAsync();
        await store.InsertAsync(Request("r-run"), [], default);
        await store.InsertAsync(Request("r-end"), [], default);
        await store.AdvanceAsync(DsrStages.Resolve, (await FindAsync(store, "r-run")) with { Status = DsrStatus.InProgress, Stage = DsrStages.Inbox }, [], [], null, default);
        await store.AdvanceAsync(DsrStages.Resolve, (await FindAsync(store, "r-end")) with { Status = DsrStatus.Completed, Stage = DsrStages.Done, Subject = null }, [], [], null, default);

        Assert.False(await store.CancelAsync("r-run", Now, _ => "{}", default));
        Assert.False(await store.CancelAsync("r-end", Now, _ => "{}", default));

        Assert.Equal(DsrStatus.InProgress, (await FindAsync(store, "r-run")).Status);
        Assert.Equal(DsrStatus.Completed, (await FindAsync(store, "r-end")).Status);
        Assert.Empty(await store.DueCallbacksAsync(DateTimeOffset.MaxValue, 10, default));
    }

    [Fact]
    public async Task A_request_without_callback_urls_is_cancelled_without_forming_a_body()
    {
        var store = await OpenAsync();
        await store.InsertAsync(Request("r-quiet") with { CallbackUrls = [] }, ["{\"ignored\":true}"], default);

        Assert.True(await store.CancelAsync("r-quiet", Now, _ => throw new InvalidOperationException("Not to be called."), default));

        Assert.Equal(DsrStatus.Cancelled, (await FindAsync(store, "r-quiet")).Status);
        Assert.Empty(await store.DueCallbacksAsync(DateTimeOffset.MaxValue, 10, default));
    }

    [Fact]
    public async Task A_callback_body_that_throws_fails_the_cancellation_and_leaves_the_request_pending()
    {
        var store = await OpenAsync();
        await store.InsertAsync(Request("r-8"), [], default);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => store.CancelAsync("r-8", Now, _ => throw new InvalidOperationException("no body"), default));

        Assert.Equal("no body", error.Message);
        var pending = await FindAsync(store, "r-8");
        Assert.Equal((DsrStatus.Pending, DsrStages.Resolve), (pending.Status, pending.Stage));
        Assert.NotNull(pending.Subject);
        Assert.Empty(await store.DueCallbacksAsync(DateTimeOffset.MaxValue, 10, default));
        Assert.True(await store.CancelAsync("r-8", Now, _ => "{}", default));
    }

    [Fact]
    public async Task A_call_whose_token_is_already_cancelled_throws_and_changes_nothing()
    {
        var store = await OpenAsync();
        await store.InsertAsync(Request("r-5"), [], default);
        await store.InsertAsync(Request("r-6"), [], default);
        await store.AdvanceAsync(
            DsrStages.Resolve,
            (await FindAsync(store, "r-5")) with { Status = DsrStatus.InProgress, Stage = DsrStages.Braze },
            ["{\"request_status\":\"in_progress\"}"],
            [Deletion("r-5", "c-1")],
            null,
            default);
        var deletion = Assert.Single(await store.DueDeletionsAsync(DateTimeOffset.MaxValue, 10, default));
        var callback = Assert.Single(await store.DueCallbacksAsync(DateTimeOffset.MaxValue, 10, default));
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();
        var cancelled = cancellation.Token;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.InsertAsync(Request("r-7"), ["{}"], cancelled));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            await store.AdvanceAsync(DsrStages.Braze, (await FindAsync(store, "r-5")) with { Stage = DsrStages.Done }, ["{}"], [], "{}", cancelled));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.CancelAsync("r-6", Now, _ => "{}", cancelled));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.SettleDeletionAsync(deletion.Id, "sent", null, null, cancelled));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.SettleCallbackAsync(callback.Id, null, null, cancelled));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.FindAsync("r-5", cancelled));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.ListAsync(null, null, 10, cancelled));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.ActiveAsync(10, cancelled));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.ResultAsync("r-5", cancelled));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.DueCallbacksAsync(DateTimeOffset.MaxValue, 10, cancelled));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.DueDeletionsAsync(DateTimeOffset.MaxValue, 10, cancelled));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.DeletionsOfAsync("r-5", cancelled));

        Assert.Null(await store.FindAsync("r-7", default));
        Assert.Equal(DsrStages.Braze, (await FindAsync(store, "r-5")).Stage);
        Assert.Null(await store.ResultAsync("r-5", default));
        Assert.Equal(DsrStatus.Pending, (await FindAsync(store, "r-6")).Status);
        var unsettled = Assert.Single(await store.DueDeletionsAsync(DateTimeOffset.MaxValue, 10, default));
        Assert.Equal(("queued", 0, 1), (unsettled.State, unsettled.Attempts, unsettled.Ids.Count));
        Assert.Equal(callback, Assert.Single(await store.DueCallbacksAsync(DateTimeOffset.MaxValue, 10, default)));
    }

    /// <summary>A pending erasure received now, with one callback URL and a subject.</summary>
    protected DsrRecord Request(string id) => new()
    {
        Id = id,
        FeedId = "app",
        Regulation = "gdpr",
        Type = DsrRequestType.Erasure,
        Status = DsrStatus.Pending,
        SubmittedTime = Now,
        ReceivedTime = Now,
        NotBefore = Now,
        CallbackUrls = [HookA],
        Subject = """{"Identities":{"email":["a@example.com"]},"Mpids":[5]}""",
    };

    /// <summary>A Braze deletion of external ids for a request, as a worker asks for it.</summary>
    protected static DsrDeletion Deletion(string requestId, params string[] ids) =>
        new(0, requestId, "braze", "external_ids", ids, "queued", 0, null);

    protected static async Task<DsrRecord> FindAsync(IDsrStore store, string id) =>
        await store.FindAsync(id, default) ?? throw new InvalidOperationException($"No request {id}.");

    protected async Task<IDsrStore> OpenAsync()
    {
        var store = await OpenStoreAsync();
        _opened.Add(store);
        return store;
    }

    private static string[] Ids(IEnumerable<DsrRecord> records) => [.. records.Select(r => r.Id)];

    private async Task<IDsrStore> ReopenAsync(IDsrStore store)
    {
        await CloseAsync(store);
        _opened.Remove(store);
        return await OpenAsync();
    }

    private static async Task CloseAsync(IDsrStore store)
    {
        if (store is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
    }
}
