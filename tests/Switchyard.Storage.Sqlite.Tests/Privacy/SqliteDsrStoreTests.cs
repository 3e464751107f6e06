using Switchyard.Core.Privacy;
using Switchyard.Storage.Sqlite.Privacy;
using Switchyard.Storage.Sqlite.Tests.Support;

namespace Switchyard.Storage.Sqlite.Tests.Privacy;

public sealed class SqliteDsrStoreTests
{
    private static readonly DateTimeOffset Now = new(2026, 2, 1, 12, 0, 0, TimeSpan.Zero);

    private static DsrRecord Request(string id) => new()
    {
        Id = id,
        FeedId = "app",
        Regulation = "gdpr",
        Type = DsrRequestType.Erasure,
        Status = DsrStatus.Pending,
        SubmittedTime = Now,
        ReceivedTime = Now,
        NotBefore = Now,
        CallbackUrls = ["https://hooks.example.com/dsr/a"],
        Subject = """{"Identities":{"email":["a@example.com"]},"Mpids":[5]}""",
    };

    private static Task<SqliteDsrStore> OpenAsync(TemporaryDataDirectory directory) =>
        SqliteDsrStore.OpenAsync(new SqliteStorageOptions { DataDirectory = directory.Path }, TimeProvider.System);

    [Fact]
    public async Task A_repeated_id_writes_nothing_and_a_request_and_its_callbacks_survive_a_reopen()
    {
        using var directory = new TemporaryDataDirectory("dsr");
        await using (var store = await OpenAsync(directory))
        {
            Assert.True(await store.InsertAsync(Request("r-1"), ["{\"request_status\":\"pending\"}"], default));
            Assert.False(await store.InsertAsync(Request("r-1") with { Regulation = "ccpa" }, ["{\"again\":true}"], default));
        }

        await using var reopened = await OpenAsync(directory);
        var found = (await reopened.FindAsync("r-1", default))!;
        Assert.Equal("gdpr", found.Regulation);
        Assert.Equal(["https://hooks.example.com/dsr/a"], found.CallbackUrls);
        var callback = Assert.Single(await reopened.DueCallbacksAsync(DateTimeOffset.MaxValue, 10, default));
        Assert.Equal("{\"request_status\":\"pending\"}", callback.Body);
    }

    [Fact]
    public async Task A_step_from_a_stage_the_request_has_left_or_of_a_cancelled_request_writes_nothing()
    {
        using var directory = new TemporaryDataDirectory("dsr");
        await using var store = await OpenAsync(directory);
        await store.InsertAsync(Request("r-2"), [], default);
        var deletion = new DsrDeletion(0, "r-2", "braze", "external_ids", ["c-1"], "queued", 0, null);

        Assert.True(await store.AdvanceAsync(DsrStages.Resolve, (await FindAsync(store, "r-2")) with { Status = DsrStatus.InProgress, Stage = DsrStages.Inbox }, ["{}"], [deletion], null, default));
        Assert.False(await store.AdvanceAsync(DsrStages.Resolve, (await FindAsync(store, "r-2")) with { Stage = DsrStages.Profiles }, ["{}"], [deletion], null, default));
        Assert.Equal(DsrStages.Inbox, (await FindAsync(store, "r-2")).Stage);
        Assert.Single(await store.DeletionsOfAsync("r-2", default));
        Assert.Single(await store.DueCallbacksAsync(DateTimeOffset.MaxValue, 10, default));

        // Only a pending request can be cancelled.
        Assert.False(await store.CancelAsync("r-2", Now, _ => "{}", default));
        await store.InsertAsync(Request("r-3"), [], default);
        Assert.True(await store.CancelAsync("r-3", Now, _ => "{\"request_status\":\"cancelled\"}", default));
        var cancelled = await FindAsync(store, "r-3");
        Assert.Equal(DsrStatus.Cancelled, cancelled.Status);
        Assert.Null(cancelled.Subject);
        Assert.False(await store.AdvanceAsync(DsrStages.Resolve, cancelled with { Status = DsrStatus.InProgress, Stage = DsrStages.Inbox }, [], [], null, default));
        Assert.DoesNotContain(await store.ActiveAsync(10, default), r => r.Id == "r-3");
    }

    [Fact]
    public async Task A_sent_deletion_forgets_its_ids_and_a_dead_one_keeps_them()
    {
        using var directory = new TemporaryDataDirectory("dsr");
        await using var store = await OpenAsync(directory);
        await store.InsertAsync(Request("r-4"), [], default);
        await store.AdvanceAsync(
            DsrStages.Resolve,
            (await FindAsync(store, "r-4")) with { Stage = DsrStages.Braze },
            [],
            [new DsrDeletion(0, "r-4", "braze", "external_ids", ["c-1", "c-2"], "queued", 0, null), new DsrDeletion(0, "r-4", "braze-eu", "external_ids", ["c-1"], "queued", 0, null)],
            null,
            default);
        var due = await store.DueDeletionsAsync(DateTimeOffset.MaxValue, 10, default);
        Assert.Equal(2, due.Count);

        await store.SettleDeletionAsync(due[0].Id, "queued", DateTimeOffset.MaxValue.AddDays(-1), "Braze answered 503", default);
        Assert.Single(await store.DueDeletionsAsync(DateTimeOffset.MaxValue.AddDays(-2), 10, default));
        await store.SettleDeletionAsync(due[0].Id, "sent", null, null, default);
        await store.SettleDeletionAsync(due[1].Id, "dead", null, "Braze answered 401", default);

        var settled = await store.DeletionsOfAsync("r-4", default);
        Assert.Equal(("sent", 0, 2), (settled[0].State, settled[0].Ids.Count, settled[0].Attempts));
        Assert.Equal(("dead", 1, "Braze answered 401"), (settled[1].State, settled[1].Ids.Count, settled[1].LastError));
        Assert.Empty(await store.DueDeletionsAsync(DateTimeOffset.MaxValue, 10, default));
    }

    [Fact]
    public async Task A_call_whose_token_is_already_cancelled_throws_and_changes_nothing()
    {
        using var directory = new TemporaryDataDirectory("dsr");
        await using var store = await OpenAsync(directory);
        await store.InsertAsync(Request("r-5"), [], default);
        await store.InsertAsync(Request("r-6"), [], default);
        await store.AdvanceAsync(
            DsrStages.Resolve,
            (await FindAsync(store, "r-5")) with { Status = DsrStatus.InProgress, Stage = DsrStages.Braze },
            ["{\"request_status\":\"in_progress\"}"],
            [new DsrDeletion(0, "r-5", "braze", "external_ids", ["c-1"], "queued", 0, null)],
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

    [Fact]
    public async Task A_callback_body_that_throws_fails_the_cancellation_and_leaves_the_request_pending()
    {
        using var directory = new TemporaryDataDirectory("dsr");
        await using var store = await OpenAsync(directory);
        await store.InsertAsync(Request("r-8"), [], default);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => store.CancelAsync("r-8", Now, _ => throw new InvalidOperationException("no body"), default));

        Assert.Equal("no body", error.Message);
        Assert.Equal(DsrStatus.Pending, (await FindAsync(store, "r-8")).Status);
        Assert.Empty(await store.DueCallbacksAsync(DateTimeOffset.MaxValue, 10, default));
    }

    private static async Task<DsrRecord> FindAsync(SqliteDsrStore store, string id) =>
        await store.FindAsync(id, default) ?? throw new InvalidOperationException($"No request {id}.");
}
