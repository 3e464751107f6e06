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
            Assert.True(store.Insert(Request("r-1"), ["{\"request_status\":\"pending\"}"]));
            Assert.False(store.Insert(Request("r-1") with { Regulation = "ccpa" }, ["{\"again\":true}"]));
        }

        await using var reopened = await OpenAsync(directory);
        var found = reopened.Find("r-1")!;
        Assert.Equal("gdpr", found.Regulation);
        Assert.Equal(["https://hooks.example.com/dsr/a"], found.CallbackUrls);
        var callback = Assert.Single(reopened.DueCallbacks(DateTimeOffset.MaxValue, 10));
        Assert.Equal("{\"request_status\":\"pending\"}", callback.Body);
    }

    [Fact]
    public async Task A_step_from_a_stage_the_request_has_left_or_of_a_cancelled_request_writes_nothing()
    {
        using var directory = new TemporaryDataDirectory("dsr");
        await using var store = await OpenAsync(directory);
        store.Insert(Request("r-2"), []);
        var deletion = new DsrDeletion(0, "r-2", "braze", "external_ids", ["c-1"], "queued", 0, null);

        Assert.True(store.Advance(DsrStages.Resolve, store.Find("r-2")! with { Status = DsrStatus.InProgress, Stage = DsrStages.Inbox }, ["{}"], [deletion], null));
        Assert.False(store.Advance(DsrStages.Resolve, store.Find("r-2")! with { Stage = DsrStages.Profiles }, ["{}"], [deletion], null));
        Assert.Equal(DsrStages.Inbox, store.Find("r-2")!.Stage);
        Assert.Single(store.DeletionsOf("r-2"));
        Assert.Single(store.DueCallbacks(DateTimeOffset.MaxValue, 10));

        // Only a pending request can be cancelled.
        Assert.False(store.Cancel("r-2", Now, _ => "{}"));
        store.Insert(Request("r-3"), []);
        Assert.True(store.Cancel("r-3", Now, _ => "{\"request_status\":\"cancelled\"}"));
        var cancelled = store.Find("r-3")!;
        Assert.Equal(DsrStatus.Cancelled, cancelled.Status);
        Assert.Null(cancelled.Subject);
        Assert.False(store.Advance(DsrStages.Resolve, cancelled with { Status = DsrStatus.InProgress, Stage = DsrStages.Inbox }, [], [], null));
        Assert.DoesNotContain(store.Active(10), r => r.Id == "r-3");
    }

    [Fact]
    public async Task A_sent_deletion_forgets_its_ids_and_a_dead_one_keeps_them()
    {
        using var directory = new TemporaryDataDirectory("dsr");
        await using var store = await OpenAsync(directory);
        store.Insert(Request("r-4"), []);
        store.Advance(
            DsrStages.Resolve,
            store.Find("r-4")! with { Stage = DsrStages.Braze },
            [],
            [new DsrDeletion(0, "r-4", "braze", "external_ids", ["c-1", "c-2"], "queued", 0, null), new DsrDeletion(0, "r-4", "braze-eu", "external_ids", ["c-1"], "queued", 0, null)],
            null);
        var due = store.DueDeletions(DateTimeOffset.MaxValue, 10);
        Assert.Equal(2, due.Count);

        store.SettleDeletion(due[0].Id, "queued", DateTimeOffset.MaxValue.AddDays(-1), "Braze answered 503");
        Assert.Single(store.DueDeletions(DateTimeOffset.MaxValue.AddDays(-2), 10));
        store.SettleDeletion(due[0].Id, "sent", null, null);
        store.SettleDeletion(due[1].Id, "dead", null, "Braze answered 401");

        var settled = store.DeletionsOf("r-4");
        Assert.Equal(("sent", 0, 2), (settled[0].State, settled[0].Ids.Count, settled[0].Attempts));
        Assert.Equal(("dead", 1, "Braze answered 401"), (settled[1].State, settled[1].Ids.Count, settled[1].LastError));
        Assert.Empty(store.DueDeletions(DateTimeOffset.MaxValue, 10));
    }
}
