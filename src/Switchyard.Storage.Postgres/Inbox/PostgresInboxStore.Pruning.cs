using Npgsql;

namespace Switchyard.Storage.Postgres.Inbox;

public sealed partial class PostgresInboxStore
{
    /// <summary>How long dropping a segment waits for its table lock before giving up (and failing the prune).</summary>
    private const string DropLockTimeout = "1s";

    /// <inheritdoc />
    /// <remarks>
    /// Drops whole segments (see the class remarks), each in a transaction of its own: the count of a segment is taken
    /// before its drop, which is exact since nothing is added to a segment once all its sequences are handed out. A
    /// segment that holds even one batch at or above <paramref name="sequence"/>, or received at or after
    /// <paramref name="receivedBefore"/>, stays whole. Dropping a partition briefly locks <c>inbox</c> exclusively;
    /// the lock wait is bounded, so a prune behind a long reader fails (as a <see cref="System.Data.Common.DbException"/>)
    /// rather than queue appends behind it.
    /// </remarks>
    public async Task<long> PruneBeforeAsync(long sequence, DateTimeOffset receivedBefore, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var candidates = new List<long>();
        await using (var select = _database.Source.CreateCommand(InboxSchema.DroppableSegments))
        {
            select.Parameters.Add(new NpgsqlParameter<long>("below", sequence));
            select.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("before", receivedBefore));
            await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                candidates.Add(reader.GetInt64(0));
            }
        }

        long removed = 0;
        foreach (var lower in candidates)
        {
            removed += await DropSegmentAsync(lower, cancellationToken).ConfigureAwait(false);
        }

        return removed;
    }

    /// <inheritdoc />
    /// <remarks>
    /// Drops whole generations of keys (<see cref="DedupeGenerations"/>): first starts a new generation when the current
    /// one is a quarter of the retention old, then drops every generation that ended more than the retention ago. A key
    /// is so dropped between one and 1¼ retentions after it was last claimed (when pruned at least that often; the host
    /// prunes hourly); an expired key never blocks an append, dropped or not.
    /// </remarks>
    public async Task<int> PruneDedupeKeysAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var now = _time.GetUtcNow();
        await DedupeGenerations.SwitchIfDueAsync(_database.Source, _time, _dedupeRetention / DedupeGenerations.PerRetention, cancellationToken).ConfigureAwait(false);
        return await DedupeGenerations.DropEndedBeforeAsync(_database.Source, now - _dedupeRetention, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Drops one segment and returns how many batches it held; 0 when another pruner dropped it first.</summary>
    private async Task<long> DropSegmentAsync(long lower, CancellationToken cancellationToken)
    {
        await using var connection = await _database.Source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        // The segment's row is deleted first: a second pruner (another node) waits on it and then finds nothing.
        await using (var forget = new NpgsqlCommand(InboxSchema.ForgetSegment, connection))
        {
            forget.Parameters.Add(new NpgsqlParameter<long>("lower", lower));
            if (await forget.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                return 0;
            }
        }

        var table = InboxSegments.Name(lower);

        long count;
        await using (var counting = new NpgsqlCommand($"SELECT count(*) FROM {table}", connection))
        {
            count = (long)(await counting.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }

        await using (var drop = new NpgsqlCommand($"SET LOCAL lock_timeout = '{DropLockTimeout}'; DROP TABLE {table}", connection))
        {
            await drop.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return count;
    }
}
