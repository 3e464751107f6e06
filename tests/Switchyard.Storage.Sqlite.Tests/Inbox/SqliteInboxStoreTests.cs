using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Switchyard.Core.Storage;
using Switchyard.Storage.Sqlite.Inbox;
using Switchyard.Storage.Sqlite.Tests.Support;

namespace Switchyard.Storage.Sqlite.Tests.Inbox;

/// <summary>SQLite-specific behaviour: what the writer does when the database is locked, shared or changed behind it.</summary>
public sealed class SqliteInboxStoreTests : IAsyncLifetime
{
    private readonly TemporaryDataDirectory _data = new("inbox");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero));
    private SqliteInboxStore _store = null!;

    public async Task InitializeAsync() => _store = await OpenAsync();

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task A_caller_that_gives_up_while_its_append_waits_may_reuse_its_buffer_without_changing_what_is_stored()
    {
        var buffer = Encoding.UTF8.GetBytes("{\"original\":true}");
        await using (var blocker = await HoldWriteLockAsync())
        {
            using var giveUp = new CancellationTokenSource();
            var append = _store.AppendAsync([new InboxRecord("f", "r1", buffer)], giveUp.Token);
            await giveUp.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => append);

            // The caller's buffer goes back to a pool and is filled by another request.
            Encoding.UTF8.GetBytes("{\"someone\":1}...").CopyTo(buffer, 0);
        }

        var stored = await WaitForBatchesAsync(1);
        Assert.Equal("{\"original\":true}", Encoding.UTF8.GetString(stored[0].Payload));
    }

    [Fact]
    public async Task Appends_that_arrive_while_a_commit_is_under_way_share_the_next_commit()
    {
        var commitsBefore = _store.CommitCount;
        Task<InboxAppendResult>[] appends;
        await using (var blocker = await HoldWriteLockAsync())
        {
            appends = [.. Enumerable.Range(0, 50).Select(i => _store.AppendAsync([Record($"g{i}")], default))];
            await Task.Delay(100);
        }

        await Task.WhenAll(appends);
        Assert.Equal(50, await _store.CountAsync(default));
        Assert.InRange(_store.CommitCount - commitsBefore, 1, 2);
    }

    [Fact]
    public async Task Rows_added_by_another_writer_do_not_make_later_appends_fail()
    {
        await _store.AppendAsync([Record("one")], default);
        await using (var other = new SqliteConnection($"Data Source={_store.DatabasePath};Pooling=false"))
        {
            await other.OpenAsync();
            await using var insert = other.CreateCommand();
            insert.CommandText = "INSERT INTO inbox (feed_id, received_at_ms, payload) VALUES ('manual', 0, x'7b7d')";
            await insert.ExecuteNonQueryAsync();
        }

        var next = await _store.AppendAsync([Record("two"), Record("three")], default);

        var batches = await _store.ReadAsync(0, 10, default);
        Assert.Equal(4, batches.Count);
        Assert.Equal(batches.Count, batches.Select(b => b.Sequence).Distinct().Count());
        Assert.Equal(batches.Skip(2).Select(b => (long?)b.Sequence), next.Sequences);
    }

    [Fact]
    public async Task A_second_store_on_the_same_directory_is_refused_while_the_first_is_open()
    {
        var error = await Assert.ThrowsAsync<IOException>(OpenAsync);

        Assert.Contains("in use by another Switchyard process", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disposing_while_appends_wait_for_a_locked_database_finishes_them_all()
    {
        Task<InboxAppendResult>[] appends;
        Task dispose;
        await using (var blocker = await HoldWriteLockAsync())
        {
            appends = [.. Enumerable.Range(0, 3).Select(i => _store.AppendAsync([Record($"q{i}")], default))];
            dispose = _store.DisposeAsync().AsTask();
            await Task.Delay(100);
            Assert.False(dispose.IsCompleted);
        }

        await dispose;
        Assert.All(await Task.WhenAll(appends), r => Assert.NotNull(r.Sequences[0]));
        _store = await OpenAsync();
        Assert.Equal(3, await _store.CountAsync(default));
    }

    [Fact]
    public async Task An_inbox_created_before_message_ids_were_kept_gains_their_table_and_keeps_its_batches_and_request_ids()
    {
        await _store.AppendAsync([Record("before")], default);
        await _store.DisposeAsync();
        await using (var older = new SqliteConnection($"Data Source={Path.Combine(_data.Path, "inbox.db")};Pooling=false"))
        {
            // The schema as the first releases created it: no message id table.
            await older.OpenAsync();
            await using var drop = older.CreateCommand();
            drop.CommandText = "DROP TABLE inbox_message_dedupe";
            await drop.ExecuteNonQueryAsync();
        }

        _store = await OpenAsync();
        var repeat = await _store.AppendAsync([Record("before")], default);
        var currents = new InboxRecord("braze", null, Encoding.UTF8.GetBytes("""{"events":[{"event_type":"uninstall","data":{"source_message_id":"m"}}]}""")) { MessageIds = ["m"] };
        var first = await _store.AppendAsync([currents], default);
        var again = await _store.AppendAsync([currents], default);

        Assert.Null(repeat.Sequences[0]);
        Assert.NotNull(first.Sequences[0]);
        Assert.Null(again.Sequences[0]);
        Assert.Equal(2, await _store.CountAsync(default));
    }

    [Fact]
    public async Task An_inbox_created_before_the_historical_flag_gains_the_column_and_reads_its_batches_as_not_historical()
    {
        await _store.DisposeAsync();
        File.Delete(Path.Combine(_data.Path, "inbox.db"));
        await using (var older = new SqliteConnection($"Data Source={Path.Combine(_data.Path, "inbox.db")};Pooling=false"))
        {
            // The inbox table as releases before the flag created it, with one batch in it.
            await older.OpenAsync();
            await using var create = older.CreateCommand();
            create.CommandText = """
                CREATE TABLE inbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, feed_id TEXT NOT NULL, source_request_id TEXT NULL,
                    received_at_ms INTEGER NOT NULL, payload BLOB NOT NULL);
                INSERT INTO inbox (feed_id, source_request_id, received_at_ms, payload) VALUES ('f', 'old', 0, x'7b7d');
                """;
            await create.ExecuteNonQueryAsync();
        }

        _store = await OpenAsync();
        await _store.AppendAsync([Record("new") with { Historical = true }], default);
        await _store.DisposeAsync();
        _store = await OpenAsync();

        var batches = await _store.ReadAsync(0, 10, default);
        Assert.Equal([("old", false), ("new", true)], batches.Select(b => (b.SourceRequestId!, b.Historical)));
    }

    private static InboxRecord Record(string id) => new("f", id, Encoding.UTF8.GetBytes($"{{\"id\":\"{id}\"}}"));

    private Task<SqliteInboxStore> OpenAsync() =>
        SqliteInboxStore.OpenAsync(_data.Options, _time);

    /// <summary>Another connection holds the write lock, so the store's writer waits (busy timeout) until it is released.</summary>
    private async Task<SqliteConnection> HoldWriteLockAsync()
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(_data.Path, "inbox.db")};Pooling=false");
        await connection.OpenAsync();
        await using var begin = connection.CreateCommand();
        begin.CommandText = "BEGIN IMMEDIATE";
        await begin.ExecuteNonQueryAsync();
        return connection;
    }

    private async Task<IReadOnlyList<StoredBatch>> WaitForBatchesAsync(int count)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var batches = await _store.ReadAsync(0, 100, default);
            if (batches.Count >= count)
            {
                return batches;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException($"Fewer than {count} batches were stored.");
    }
}
