using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Switchyard.Core.Delivery;
using Switchyard.Storage.Sqlite.Profiles;
using Switchyard.Storage.Sqlite.Tests.Support;

namespace Switchyard.Storage.Sqlite.Tests.Profiles;

/// <summary>A profiles.db from before dead letters kept their batch opens, gains the columns, and its rows still work.</summary>
public sealed class SqliteDeadLetterBatchTests : IDisposable
{
    private readonly TemporaryDataDirectory _data = new("old-outbox");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero));

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task An_old_database_opens_and_its_dead_letters_replay_without_a_kept_batch()
    {
        Directory.CreateDirectory(_data.Path);
        await using (var old = new SqliteConnection($"Data Source={Path.Combine(_data.Path, "profiles.db")}"))
        {
            await old.OpenAsync();
            await using var create = old.CreateCommand();
            // The outbox and dead-letter tables as an earlier release created them, with one row each.
            create.CommandText = """
                CREATE TABLE outbox (id INTEGER PRIMARY KEY AUTOINCREMENT, output_id TEXT NOT NULL, mpid INTEGER NOT NULL,
                    payload TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at_ms INTEGER NOT NULL,
                    created_at_ms INTEGER NOT NULL, last_error TEXT);
                CREATE TABLE dead_letters (id INTEGER PRIMARY KEY AUTOINCREMENT, output_id TEXT NOT NULL, mpid INTEGER NOT NULL,
                    payload TEXT NOT NULL, reason TEXT NOT NULL, attempts INTEGER NOT NULL, created_at_ms INTEGER NOT NULL,
                    dead_at_ms INTEGER NOT NULL);
                INSERT INTO outbox (output_id, mpid, payload, next_attempt_at_ms, created_at_ms) VALUES ('braze', 1, '{"seq":3}', 0, 0);
                INSERT INTO dead_letters (output_id, mpid, payload, reason, attempts, created_at_ms, dead_at_ms)
                VALUES ('braze', 2, '{"seq":2}', 'rejected', 1, 0, 0);
                """;
            await create.ExecuteNonQueryAsync();
        }

        SqliteConnection.ClearAllPools();
        await using var store = await SqliteProfileStore.OpenAsync(_data.Options, _time);
        IDeliveryStore delivery = store;
        using (var session = await store.BeginSessionAsync(default))
        {
            session.SetCheckpoint(10);
            await session.CommitAsync(default);
        }

        var letter = Assert.Single(await delivery.DeadLettersAsync("braze", 0, 10, default));
        Assert.False(letter.KeepsBatch);
        Assert.Equal(3, await delivery.LowestInboxSequenceNeededAsync(default));
        Assert.True(await delivery.ReplayAsync(letter.Id, 0, default));
        var items = await delivery.ClaimDueAsync("braze", 0, 10, default);
        Assert.Equal(["""{"seq":3}""", """{"seq":2}"""], items.Select(i => i.Payload));
        Assert.All(items, i => Assert.Null(i.Batch));
        // Without a kept batch the replayed item reads the inbox again, so the inbox keeps its batch for it.
        Assert.Equal(2, await delivery.LowestInboxSequenceNeededAsync(default));
    }
}
