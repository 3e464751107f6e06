using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Switchyard.Core.Privacy;
using Switchyard.Storage.Postgres.Privacy;
using Switchyard.Storage.Postgres.Tests.Support;

namespace Switchyard.Storage.Postgres.Tests.Privacy;

/// <summary>
/// Two nodes on one database working the same request, callback or deletion: exactly one of them writes. Each race is
/// made certain by holding the row from a third connection until both writes are waiting for it.
/// </summary>
public sealed class PostgresDsrStoreTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero));
    private TemporaryDatabase _database = null!;
    private PostgresDsrStore _first = null!;
    private PostgresDsrStore _second = null!;

    private DateTimeOffset Now => _time.GetUtcNow();

    public async Task InitializeAsync()
    {
        _database = await TemporaryDatabase.CreateAsync();
        _first = await PostgresDsrStore.OpenAsync(_database.Options, _time);
        _second = await PostgresDsrStore.OpenAsync(_database.Options, _time);
    }

    public async Task DisposeAsync()
    {
        await _first.DisposeAsync();
        await _second.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Of_two_nodes_taking_the_same_step_one_writes_its_state_callbacks_and_deletions_and_the_other_nothing()
    {
        await _first.InsertAsync(Request("r-1"), [], default);
        var found = (await _first.FindAsync("r-1", default))!;

        var (first, second) = await RaceAsync(
            "SELECT id FROM dsr_requests WHERE id = @id FOR UPDATE",
            "r-1",
            () => _first.AdvanceAsync(DsrStages.Resolve, found with { Status = DsrStatus.InProgress, Stage = DsrStages.Inbox, InboxMark = 1 }, ["from-first"], [Deletion("r-1", "first")], null, default),
            () => _second.AdvanceAsync(DsrStages.Resolve, found with { Status = DsrStatus.InProgress, Stage = DsrStages.Inbox, InboxMark = 2 }, ["from-second"], [Deletion("r-1", "second")], null, default));

        Assert.True(first ^ second, $"Exactly one step must win; first {first}, second {second}.");
        var winner = first ? "first" : "second";
        Assert.Equal(first ? 1 : 2, (await _second.FindAsync("r-1", default))!.InboxMark);
        Assert.Equal($"from-{winner}", Assert.Single(await _second.DueCallbacksAsync(DateTimeOffset.MaxValue, 10, default)).Body);
        Assert.Equal([winner], Assert.Single(await _first.DeletionsOfAsync("r-1", default)).Ids);
    }

    [Fact]
    public async Task A_cancellation_and_a_first_step_racing_on_one_pending_request_do_not_both_succeed()
    {
        await _first.InsertAsync(Request("r-2"), [], default);
        var found = (await _first.FindAsync("r-2", default))!;

        var (cancelled, advanced) = await RaceAsync(
            "SELECT id FROM dsr_requests WHERE id = @id FOR UPDATE",
            "r-2",
            () => _first.CancelAsync("r-2", Now, _ => "cancelled", default),
            () => _second.AdvanceAsync(DsrStages.Resolve, found with { Status = DsrStatus.InProgress, Stage = DsrStages.Inbox }, ["started"], [], null, default));

        Assert.True(cancelled ^ advanced, $"Exactly one must win; cancelled {cancelled}, advanced {advanced}.");
        var stored = (await _second.FindAsync("r-2", default))!;
        Assert.Equal(cancelled ? DsrStatus.Cancelled : DsrStatus.InProgress, stored.Status);
        Assert.Equal(cancelled ? "cancelled" : "started", Assert.Single(await _first.DueCallbacksAsync(DateTimeOffset.MaxValue, 10, default)).Body);
    }

    [Fact]
    public async Task A_deletion_sent_by_two_nodes_is_settled_once_by_whichever_outcome_came_first()
    {
        await QueueDeletionAsync("r-3");
        var deletion = Assert.Single(await _first.DueDeletionsAsync(Now, 10, default));
        Assert.Equal(deletion, Assert.Single(await _second.DueDeletionsAsync(Now, 10, default)) with { Ids = deletion.Ids });

        await RaceAsync(
            "SELECT id FROM dsr_deletions WHERE id = @id FOR UPDATE",
            deletion.Id,
            async () => { await _first.SettleDeletionAsync(deletion.Id, "sent", null, null, default); return true; },
            async () => { await _second.SettleDeletionAsync(deletion.Id, "dead", null, "Braze answered 401", default); return true; });

        var settled = Assert.Single(await _first.DeletionsOfAsync("r-3", default));
        Assert.Equal(1, settled.Attempts);
        Assert.True(
            (settled.State, settled.Ids.Count, settled.LastError) is ("sent", 0, null) or ("dead", 1, "Braze answered 401"),
            $"One outcome whole: {settled.State}, {settled.Ids.Count} ids, error {settled.LastError}.");
        Assert.Empty(await _second.DueDeletionsAsync(DateTimeOffset.MaxValue, 10, default));
    }

    [Fact]
    public async Task A_failed_deletion_retried_by_two_nodes_counts_one_attempt()
    {
        await QueueDeletionAsync("r-4");
        var deletion = Assert.Single(await _first.DueDeletionsAsync(Now, 10, default));

        await RaceAsync(
            "SELECT id FROM dsr_deletions WHERE id = @id FOR UPDATE",
            deletion.Id,
            async () => { await _first.SettleDeletionAsync(deletion.Id, "queued", Now.AddMinutes(1), "503", default); return true; },
            async () => { await _second.SettleDeletionAsync(deletion.Id, "queued", Now.AddMinutes(2), "503", default); return true; });

        var retried = Assert.Single(await _first.DeletionsOfAsync("r-4", default));
        Assert.Equal(("queued", 1), (retried.State, retried.Attempts));
    }

    [Fact]
    public async Task A_failed_callback_retried_by_two_nodes_counts_one_attempt_and_a_delivered_one_is_gone()
    {
        await _first.InsertAsync(Request("r-5") with { CallbackUrls = ["https://hooks.example.com/a", "https://hooks.example.com/b"] }, ["{}"], default);
        var due = await _first.DueCallbacksAsync(Now, 10, default);

        await RaceAsync(
            "SELECT id FROM dsr_callbacks WHERE id = @id FOR UPDATE",
            due[0].Id,
            async () => { await _first.SettleCallbackAsync(due[0].Id, Now.AddSeconds(30), "503", default); return true; },
            async () => { await _second.SettleCallbackAsync(due[0].Id, Now.AddSeconds(60), "503", default); return true; });
        await RaceAsync(
            "SELECT id FROM dsr_callbacks WHERE id = @id FOR UPDATE",
            due[1].Id,
            async () => { await _first.SettleCallbackAsync(due[1].Id, null, null, default); return true; },
            async () => { await _second.SettleCallbackAsync(due[1].Id, Now.AddSeconds(30), "timed out", default); return true; });

        // The delivered callback is gone whichever came first: a removal is final, and a retry finds nothing to move.
        var retried = Assert.Single(await _first.DueCallbacksAsync(DateTimeOffset.MaxValue, 10, default));
        Assert.Equal((due[0].Id, 1), (retried.Id, retried.Attempts));
        Assert.Empty(await _first.DueCallbacksAsync(Now.AddSeconds(29), 10, default));
    }

    [Fact]
    public async Task Of_two_nodes_storing_the_same_new_request_one_stores_it()
    {
        var results = await Task.WhenAll(
            Task.Run(() => _first.InsertAsync(Request("r-6"), ["first"], default)),
            Task.Run(() => _second.InsertAsync(Request("r-6") with { Regulation = "ccpa" }, ["second"], default)));

        Assert.Single(results, r => r);
        var stored = (await _first.FindAsync("r-6", default))!;
        Assert.Equal(results[0] ? "gdpr" : "ccpa", stored.Regulation);
        Assert.Equal(results[0] ? "first" : "second", Assert.Single(await _first.DueCallbacksAsync(DateTimeOffset.MaxValue, 10, default)).Body);
    }

    /// <summary>
    /// Holds one row from a connection of its own, starts both writes, waits until both wait for the row, then lets them
    /// go: the second to get the row finds it as the first left it.
    /// </summary>
    private async Task<(bool First, bool Second)> RaceAsync<TId>(string lockSql, TId id, Func<Task<bool>> first, Func<Task<bool>> second)
        where TId : notnull
    {
        await using var holder = new NpgsqlConnection(_database.ConnectionString);
        await holder.OpenAsync();
        await using var transaction = await holder.BeginTransactionAsync();
        await using (var hold = new NpgsqlCommand(lockSql, holder))
        {
            hold.Parameters.AddWithValue("id", id);
            await hold.ExecuteNonQueryAsync();
        }

        var racing = new[] { Task.Run(first), Task.Run(second) };
        await Eventually.HoldsAsync(async () => await LockWaitersAsync() >= 2, TimeSpan.FromSeconds(10), "both writes wait for the held row");
        await transaction.CommitAsync();
        var results = await Task.WhenAll(racing);
        return (results[0], results[1]);
    }

    private async Task<long> LockWaitersAsync()
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
            connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task QueueDeletionAsync(string requestId)
    {
        await _first.InsertAsync(Request(requestId), [], default);
        var found = (await _first.FindAsync(requestId, default))!;
        Assert.True(await _first.AdvanceAsync(DsrStages.Resolve, found with { Stage = DsrStages.Braze }, [], [Deletion(requestId, "c-1")], null, default));
    }

    private DsrRecord Request(string id) => new()
    {
        Id = id,
        FeedId = "app",
        Regulation = "gdpr",
        Type = DsrRequestType.Erasure,
        Status = DsrStatus.Pending,
        SubmittedTime = Now,
        ReceivedTime = Now,
        NotBefore = Now,
        CallbackUrls = ["https://hooks.example.com/dsr"],
        Subject = """{"Identities":{"email":["a@example.com"]},"Mpids":[5]}""",
    };

    private static DsrDeletion Deletion(string requestId, params string[] ids) => new(0, requestId, "braze", "external_ids", ids, "queued", 0, null);
}
