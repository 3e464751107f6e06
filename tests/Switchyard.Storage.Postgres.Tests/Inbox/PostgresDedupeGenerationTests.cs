using System.Text;
using Npgsql;
using Switchyard.Core.Storage;
using Switchyard.Storage.Postgres.Inbox;
using Switchyard.Storage.Postgres.Schema;

namespace Switchyard.Storage.Postgres.Tests.Inbox;

/// <summary>
/// Dedupe keys kept by generation (<see cref="DedupeGenerations"/>): retention drops whole partitions, a key still
/// within the retention blocks whichever generation holds it, and claims stay exact while generations switch.
/// </summary>
public sealed class PostgresDedupeGenerationTests : IAsyncLifetime
{
    private static readonly TimeSpan Retention = TimeSpan.FromDays(4);
    private static readonly TimeSpan Generation = Retention / DedupeGenerations.PerRetention;

    private InboxTestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await InboxTestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task A_key_claimed_in_an_older_generation_still_blocks_within_the_retention()
    {
        var store = await _db.OpenStoreAsync(dedupeRetention: Retention);
        await store.AppendAsync([InboxTestDatabase.Record("r1"), Currents("m1")], default);
        _db.Time.Advance(Generation);
        Assert.Equal(0, await store.PruneDedupeKeysAsync(default));
        Assert.Equal(["inbox_dedupe_g0000000001", "inbox_dedupe_g0000000002"], await PartitionsAsync("inbox_dedupe"));

        var again = await store.AppendAsync([InboxTestDatabase.Record("r1"), Currents("m1"), InboxTestDatabase.Record("r2")], default);

        Assert.Equal([false, false, true], again.Sequences.Select(s => s is not null));
        Assert.Equal(1, await CountAsync("inbox_dedupe_g0000000002"));
        Assert.Equal(0, await CountAsync("inbox_message_dedupe_g0000000002"));
    }

    [Fact]
    public async Task A_key_expired_in_an_older_generation_is_claimed_again_in_the_current_one()
    {
        var store = await _db.OpenStoreAsync(dedupeRetention: Retention);
        await store.AppendAsync([InboxTestDatabase.Record("r1"), Currents("m1")], default);
        _db.Time.Advance(Generation);
        await store.PruneDedupeKeysAsync(default);
        _db.Time.Advance(Retention - Generation + TimeSpan.FromSeconds(1));

        var again = await store.AppendAsync([InboxTestDatabase.Record("r1"), Currents("m1")], default);

        Assert.All(again.Sequences, s => Assert.NotNull(s));
        Assert.Equal(1, await CountAsync("inbox_dedupe_g0000000002"));
        Assert.Equal(1, await CountAsync("inbox_message_dedupe_g0000000002"));
    }

    [Fact]
    public async Task A_generation_is_dropped_whole_once_it_ended_more_than_the_retention_ago()
    {
        var store = await _db.OpenStoreAsync(dedupeRetention: Retention);
        await store.AppendAsync([InboxTestDatabase.Record("a"), InboxTestDatabase.Record("b"), Currents("m")], default);
        _db.Time.Advance(Generation);
        await store.PruneDedupeKeysAsync(default);
        await store.AppendAsync([InboxTestDatabase.Record("c")], default);

        // Generation 1 ended a retention ago less a second: kept whole, though its keys have all expired.
        _db.Time.Advance(Retention - TimeSpan.FromSeconds(1));
        Assert.Equal(0, await store.PruneDedupeKeysAsync(default));
        Assert.Equal(3, await PartitionCountAsync("inbox_dedupe"));

        _db.Time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(3, await store.PruneDedupeKeysAsync(default));

        Assert.Equal(["inbox_dedupe_g0000000002", "inbox_dedupe_g0000000003"], await PartitionsAsync("inbox_dedupe"));
        Assert.Equal(["inbox_message_dedupe_g0000000002", "inbox_message_dedupe_g0000000003"], await PartitionsAsync("inbox_message_dedupe"));
        Assert.Equal("c", await _db.ScalarAsync<string>("SELECT string_agg(source_request_id, ',') FROM inbox_dedupe"));
        Assert.Equal([2, 3], await GenerationsAsync());
    }

    [Fact]
    public async Task A_generation_holding_a_key_claimed_after_its_end_on_a_faster_clock_is_kept_until_that_key_expires()
    {
        var store = await _db.OpenStoreAsync(dedupeRetention: Retention);
        await store.AppendAsync([InboxTestDatabase.Record("fast")], default);

        // As a node whose clock runs a day ahead of the one that ends the generation would have claimed it.
        await using (var connection = await _db.ConnectAsync())
        await using (var skew = new NpgsqlCommand("UPDATE inbox_dedupe SET seen_at = seen_at + interval '2 days'", connection))
        {
            await skew.ExecuteNonQueryAsync();
        }

        _db.Time.Advance(Generation);
        await store.PruneDedupeKeysAsync(default);
        _db.Time.Advance(Retention + TimeSpan.FromSeconds(1));
        Assert.Equal(0, await store.PruneDedupeKeysAsync(default));
        Assert.Contains(1, await GenerationsAsync());

        _db.Time.Advance(Generation);
        Assert.Equal(1, await store.PruneDedupeKeysAsync(default));
        Assert.DoesNotContain(1, await GenerationsAsync());
    }

    [Fact]
    public async Task The_current_generation_is_never_dropped_however_old_its_keys()
    {
        var store = await _db.OpenStoreAsync(dedupeRetention: Retention);
        await store.AppendAsync([InboxTestDatabase.Record("a")], default);
        _db.Time.Advance(Retention * 3);

        // The prune ends generation 1 now and starts 2; generation 1 is dropped only a retention later.
        Assert.Equal(0, await store.PruneDedupeKeysAsync(default));
        Assert.Equal([1, 2], await GenerationsAsync());
        _db.Time.Advance(Retention + TimeSpan.FromSeconds(1));
        Assert.Equal(1, await store.PruneDedupeKeysAsync(default));
        Assert.Equal([2, 3], await GenerationsAsync());
    }

    [Fact]
    public async Task Two_nodes_pruning_at_once_switch_once_and_count_each_dropped_key_once()
    {
        var first = await _db.OpenStoreAsync(dedupeRetention: Retention);
        var second = await _db.OpenStoreAsync(dedupeRetention: Retention);
        await first.AppendAsync([.. Enumerable.Range(0, 50).Select(i => InboxTestDatabase.Record("k" + i))], default);
        _db.Time.Advance(Generation);
        await Task.WhenAll(first.PruneDedupeKeysAsync(default), second.PruneDedupeKeysAsync(default));
        Assert.Equal([1, 2], await GenerationsAsync());

        _db.Time.Advance(Retention + TimeSpan.FromSeconds(1));
        var dropped = await Task.WhenAll(first.PruneDedupeKeysAsync(default), second.PruneDedupeKeysAsync(default));

        Assert.Equal(50, dropped.Sum());
        Assert.Equal([2, 3], await GenerationsAsync());
    }

    [Fact]
    public async Task Two_nodes_claiming_one_key_while_generations_switch_store_it_exactly_once()
    {
        var retention = TimeSpan.FromSeconds(8);
        var first = await _db.OpenStoreAsync(dedupeRetention: retention);
        var second = await _db.OpenStoreAsync(dedupeRetention: retention);
        for (var round = 0; round < 100; round++)
        {
            _db.Time.Advance(retention / DedupeGenerations.PerRetention);
            var key = "race-" + round;
            var appends = Task.WhenAll(
                Task.Run(() => first.AppendAsync([InboxTestDatabase.Record(key)], default)),
                Task.Run(() => second.AppendAsync([InboxTestDatabase.Record(key)], default)));
            await Task.WhenAll(appends, Task.Run(() => first.PruneDedupeKeysAsync(default)));

            Assert.Equal(1, (await appends).Count(r => r.Sequences[0] is not null));
        }

        Assert.Equal(100, await first.CountAsync(default));
        Assert.True((await GenerationsAsync()).Max() > 80, "the generations switched during the rounds");
    }

    [Fact]
    public async Task Keys_of_a_database_made_before_generations_are_kept_and_still_block()
    {
        var source = NpgsqlDataSource.Create(_db.Database.ConnectionString);
        await using (source)
        {
            await SchemaMigrator.MigrateAsync(source, InboxSchema.Component, InboxSchema.Migrations[..1], default);
            await using var insert = source.CreateCommand("""
                INSERT INTO inbox_dedupe (feed_id, source_request_id, seen_at) VALUES ('f', 'old', @seen);
                INSERT INTO inbox_message_dedupe (feed_id, source_message_id, seen_at) VALUES ('f', 'old-message', @seen)
                """);
            insert.Parameters.AddWithValue("seen", _db.Time.GetUtcNow().AddHours(-1));
            await insert.ExecuteNonQueryAsync();
        }

        var store = await _db.OpenStoreAsync(dedupeRetention: Retention);
        var again = await store.AppendAsync([InboxTestDatabase.Record("old"), Currents("old-message"), InboxTestDatabase.Record("new")], default);

        Assert.Equal([false, false, true], again.Sequences.Select(s => s is not null));
        Assert.Equal(_db.Time.GetUtcNow(), await _db.ScalarAsync<DateTime>("SELECT started_at FROM inbox_dedupe_generations WHERE generation = 1"));
        Assert.Equal(["inbox_dedupe_g0000000001"], await PartitionsAsync("inbox_dedupe"));
    }

    private static InboxRecord Currents(string messageId) =>
        new InboxRecord("f", null, Encoding.UTF8.GetBytes(
            $$$"""{"events":[{"event_type":"custom_event","data":{"event_name":"open","source_message_id":"{{{messageId}}}"}}]}""")) with { MessageIds = [messageId] };

    private async Task<List<string>> PartitionsAsync(string parent)
    {
        await using var connection = await _db.ConnectAsync();
        await using var command = new NpgsqlCommand(
            "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = @parent::regclass ORDER BY c.relname", connection);
        command.Parameters.AddWithValue("parent", parent);
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private async Task<int> PartitionCountAsync(string parent) => (await PartitionsAsync(parent)).Count;

    private async Task<long> CountAsync(string table) => await _db.ScalarAsync<long>($"SELECT count(*) FROM {table}");

    private async Task<List<int>> GenerationsAsync()
    {
        await using var connection = await _db.ConnectAsync();
        await using var command = new NpgsqlCommand("SELECT generation FROM inbox_dedupe_generations ORDER BY generation", connection);
        var generations = new List<int>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            generations.Add(reader.GetInt32(0));
        }

        return generations;
    }
}
