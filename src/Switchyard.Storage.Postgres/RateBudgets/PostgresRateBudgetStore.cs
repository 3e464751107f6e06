using Npgsql;
using NpgsqlTypes;
using Switchyard.Core.Delivery.Engine;

namespace Switchyard.Storage.Postgres.RateBudgets;

/// <summary>
/// Rate budgets in PostgreSQL, shared by every node on the database: a take is one statement (an insert or an update of
/// its window's row, <see cref="RateBudgetSchema.Take"/>), so it is atomic however many nodes take at once. Windows and
/// pauses are judged on the nodes' clocks (the times in <see cref="RateBudgetTake"/>), so those should agree (NTP); a
/// node whose clock runs ahead starts the next window early by that much.
/// </summary>
/// <remarks>
/// Thread-safe: every call takes a pooled connection of its own. Old rows are pruned by each store at most once a
/// minute, in the take that comes after the minute is up: windows and pauses that ended more than
/// <see cref="Keep"/> before.
/// </remarks>
public sealed class PostgresRateBudgetStore : IRateBudgetStore, IAsyncDisposable
{
    /// <summary>How long a window's row is kept after it ended: longer than any clock skew a node may have.</summary>
    internal static readonly TimeSpan Keep = TimeSpan.FromMinutes(1);

    private readonly PostgresDatabase _database;
    private long _prunedAtTicks = DateTimeOffset.MinValue.UtcTicks;

    private PostgresRateBudgetStore(PostgresDatabase database) => _database = database;

    /// <summary>Connects and brings the rate budget tables up to date, creating them when needed.</summary>
    public static async Task<PostgresRateBudgetStore> OpenAsync(PostgresStorageOptions options, CancellationToken cancellationToken = default)
    {
        var database = await PostgresDatabase.OpenAsync(options, cancellationToken).ConfigureAwait(false);
        try
        {
            await database.MigrateAsync(RateBudgetSchema.Component, RateBudgetSchema.Migrations, cancellationToken).ConfigureAwait(false);
            return new PostgresRateBudgetStore(database);
        }
        catch
        {
            await database.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask<RateBudgetGrant> TakeAsync(RateBudgetTake take, CancellationToken cancellationToken)
    {
        take.Validate();
        cancellationToken.ThrowIfCancellationRequested();
        await PruneWhenDueAsync(take, cancellationToken).ConfigureAwait(false);
        await using var command = _database.Source.CreateCommand(RateBudgetSchema.Take);
        command.Parameters.Add(new NpgsqlParameter<string>("key", take.KeyId));
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("window", take.WindowStart.ToUniversalTime()) { NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("window_end", (take.WindowStart + take.Window).ToUniversalTime()) { NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("now", take.Now.ToUniversalTime()) { NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter<int>("wanted", Math.Min(take.Wanted, take.Limit)));
        command.Parameters.Add(new NpgsqlParameter<int>("limit", take.Limit));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        var granted = reader.GetInt32(0);
        DateTimeOffset? paused = await reader.IsDBNullAsync(1, cancellationToken).ConfigureAwait(false)
            ? null
            : reader.GetFieldValue<DateTimeOffset>(1);
        return new RateBudgetGrant(granted, paused);
    }

    /// <inheritdoc />
    public async ValueTask PauseAsync(string keyId, DateTimeOffset until, CancellationToken cancellationToken)
    {
        RateBudgetTake.ValidateKeyId(keyId);
        cancellationToken.ThrowIfCancellationRequested();
        await using var command = _database.Source.CreateCommand(RateBudgetSchema.Pause);
        command.Parameters.Add(new NpgsqlParameter<string>("key", keyId));
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("until", until.ToUniversalTime()) { NpgsqlDbType = NpgsqlDbType.TimestampTz });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    private async Task PruneWhenDueAsync(RateBudgetTake take, CancellationToken cancellationToken)
    {
        var last = Interlocked.Read(ref _prunedAtTicks);
        if (take.Now.UtcTicks - last < Keep.Ticks || Interlocked.CompareExchange(ref _prunedAtTicks, take.Now.UtcTicks, last) != last)
        {
            return;
        }

        await using var command = _database.Source.CreateCommand(RateBudgetSchema.Prune);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("before", (take.Now - Keep).ToUniversalTime()) { NpgsqlDbType = NpgsqlDbType.TimestampTz });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
