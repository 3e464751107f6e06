using Switchyard.Core.Privacy;

namespace Switchyard.Storage.Compliance;

/// <summary>The status callbacks and Braze deletions: when they are due, and how they are settled.</summary>
public abstract partial class DsrStoreComplianceTests
{
    [Fact]
    public async Task Callbacks_are_due_from_when_they_were_queued_oldest_first_up_to_the_limit()
    {
        var store = await OpenAsync();
        var first = Now;
        await store.InsertAsync(Request("r-1") with { CallbackUrls = [HookA, HookB] }, ["one"], default);
        Time.Advance(TimeSpan.FromSeconds(1));
        await store.InsertAsync(Request("r-2"), ["two"], default);

        Assert.Empty(await store.DueCallbacksAsync(first.AddMilliseconds(-1), 10, default));
        Assert.Equal([("r-1", HookA), ("r-1", HookB)], (await store.DueCallbacksAsync(first, 10, default)).Select(c => (c.RequestId, c.Url)));
        Assert.Equal(["one", "one", "two"], (await store.DueCallbacksAsync(Now, 10, default)).Select(c => c.Body));
        Assert.Equal([HookA, HookB], (await store.DueCallbacksAsync(Now, 2, default)).Select(c => c.Url));
    }

    [Fact]
    public async Task Insert_and_step_queue_no_callback_when_the_request_has_no_url_or_there_is_no_body()
    {
        var store = await OpenAsync();
        await store.InsertAsync(Request("r-quiet") with { CallbackUrls = [] }, ["{}"], default);
        await store.InsertAsync(Request("r-loud"), [], default);
        await store.AdvanceAsync(DsrStages.Resolve, (await FindAsync(store, "r-quiet")) with { Stage = DsrStages.Inbox }, ["{}"], [], null, default);
        await store.AdvanceAsync(DsrStages.Resolve, (await FindAsync(store, "r-loud")) with { Stage = DsrStages.Inbox }, [], [], null, default);

        Assert.Empty(await store.DueCallbacksAsync(DateTimeOffset.MaxValue, 10, default));
    }

    [Fact]
    public async Task A_retried_callback_is_due_again_at_its_retry_time_with_one_more_attempt_and_a_settled_one_is_gone()
    {
        var store = await OpenAsync();
        await store.InsertAsync(Request("r-1") with { CallbackUrls = [HookA, HookB] }, ["{}"], default);
        var due = await store.DueCallbacksAsync(Now, 10, default);
        var retryAt = Now.AddSeconds(30);

        await store.SettleCallbackAsync(due[0].Id, retryAt, "503 from the hook", default);

        Assert.Equal([due[1].Id], (await store.DueCallbacksAsync(retryAt.AddMilliseconds(-1), 10, default)).Select(c => c.Id));
        var again = await store.DueCallbacksAsync(retryAt, 10, default);
        Assert.Equal([(due[0].Id, 1), (due[1].Id, 0)], again.Select(c => (c.Id, c.Attempts)));
        Assert.Equal((due[0].Url, due[0].Body, due[0].RequestId), (again[0].Url, again[0].Body, again[0].RequestId));

        Time.Advance(TimeSpan.FromSeconds(30));
        await store.SettleCallbackAsync(due[0].Id, null, null, default);
        await store.SettleCallbackAsync(due[1].Id, null, "gave up after 10 attempts", default);

        Assert.Empty(await store.DueCallbacksAsync(DateTimeOffset.MaxValue, 10, default));
        await store.SettleCallbackAsync(due[0].Id, null, null, default);
        await store.SettleCallbackAsync(due[1].Id, Now.AddMinutes(1), "no longer stored", default);
        Assert.Empty(await store.DueCallbacksAsync(DateTimeOffset.MaxValue, 10, default));
    }

    [Fact]
    public async Task Deletions_are_queued_by_their_step_and_listed_per_request_in_the_order_they_were_queued()
    {
        var store = await OpenAsync();
        await store.InsertAsync(Request("r-1"), [], default);
        await store.InsertAsync(Request("r-2"), [], default);
        var deletions = new[] { Deletion("r-1", "c-1", "c-2"), Deletion("r-1", "c-3") with { OutputId = "braze-eu" } };

        await store.AdvanceAsync(DsrStages.Resolve, (await FindAsync(store, "r-1")) with { Stage = DsrStages.Braze }, [], deletions, null, default);
        await store.AdvanceAsync(DsrStages.Resolve, (await FindAsync(store, "r-2")) with { Stage = DsrStages.Braze }, [], [Deletion("r-2", "c-9")], null, default);

        var listed = await store.DeletionsOfAsync("r-1", default);
        Assert.Equal(
            [("r-1", "braze", "external_ids", "c-1,c-2"), ("r-1", "braze-eu", "external_ids", "c-3")],
            listed.Select(d => (d.RequestId, d.OutputId, d.IdKind, string.Join(',', d.Ids))));
        Assert.All(listed, d => Assert.Equal(("queued", 0, (string?)null), (d.State, d.Attempts, d.LastError)));
        Assert.True(listed[0].Id < listed[1].Id);
        Assert.Equal(["c-9"], Assert.Single(await store.DeletionsOfAsync("r-2", default)).Ids);
    }

    [Fact]
    public async Task Deletions_are_due_from_when_they_were_queued_oldest_first_up_to_the_limit()
    {
        var store = await OpenAsync();
        await store.InsertAsync(Request("r-1"), [], default);
        await store.InsertAsync(Request("r-2"), [], default);
        var first = Now;
        await store.AdvanceAsync(DsrStages.Resolve, (await FindAsync(store, "r-1")) with { Stage = DsrStages.Braze }, [], [Deletion("r-1", "a"), Deletion("r-1", "b")], null, default);
        Time.Advance(TimeSpan.FromSeconds(1));
        await store.AdvanceAsync(DsrStages.Resolve, (await FindAsync(store, "r-2")) with { Stage = DsrStages.Braze }, [], [Deletion("r-2", "c")], null, default);

        Assert.Empty(await store.DueDeletionsAsync(first.AddMilliseconds(-1), 10, default));
        Assert.Equal(["a", "b"], (await store.DueDeletionsAsync(first, 10, default)).Select(d => d.Ids[0]));
        Assert.Equal(["a", "b", "c"], (await store.DueDeletionsAsync(Now, 10, default)).Select(d => d.Ids[0]));
        Assert.Equal(["a"], (await store.DueDeletionsAsync(Now, 1, default)).Select(d => d.Ids[0]));
    }

    [Fact]
    public async Task A_deletion_queued_again_is_due_at_its_retry_time_with_its_attempt_and_error_recorded()
    {
        var store = await OpenAsync();
        await store.InsertAsync(Request("r-1"), [], default);
        await store.AdvanceAsync(DsrStages.Resolve, (await FindAsync(store, "r-1")) with { Stage = DsrStages.Braze }, [], [Deletion("r-1", "c-1")], null, default);
        var deletion = Assert.Single(await store.DueDeletionsAsync(Now, 10, default));
        var retryAt = Now.AddMinutes(1);

        await store.SettleDeletionAsync(deletion.Id, "queued", retryAt, "Braze answered 503", default);

        Assert.Empty(await store.DueDeletionsAsync(retryAt.AddMilliseconds(-1), 10, default));
        var due = Assert.Single(await store.DueDeletionsAsync(retryAt, 10, default));
        Assert.Equal((deletion.Id, "queued", 1, "Braze answered 503", "c-1"), (due.Id, due.State, due.Attempts, due.LastError, Assert.Single(due.Ids)));
    }

    [Fact]
    public async Task A_sent_deletion_forgets_its_ids_and_a_dead_one_keeps_them()
    {
        var store = await OpenAsync();
        await store.InsertAsync(Request("r-4"), [], default);
        await store.AdvanceAsync(
            DsrStages.Resolve,
            (await FindAsync(store, "r-4")) with { Stage = DsrStages.Braze },
            [],
            [Deletion("r-4", "c-1", "c-2"), Deletion("r-4", "c-1") with { OutputId = "braze-eu" }],
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
}
