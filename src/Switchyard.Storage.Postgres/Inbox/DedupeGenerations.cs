using System.Globalization;
using Npgsql;

namespace Switchyard.Storage.Postgres.Inbox;

/// <summary>
/// The generations the dedupe keys are partitioned by, so that retention drops whole tables instead of deleting rows.
/// <para>
/// <c>inbox_dedupe</c> and <c>inbox_message_dedupe</c> are range-partitioned by a generation number; the current
/// generation is the highest row of <c>inbox_dedupe_generations</c>. Every flush that claims keys first takes
/// <see cref="LockKey"/> shared, then reads the current generation in its claim statements and inserts there. A switch
/// takes the same lock exclusively, so it waits for the flushes under way and the ones after it see the new generation:
/// no key is ever added to a generation once it has ended. Its end time, read off the switching node's clock after the
/// flushes under way have committed, bounds the keys it holds up to the skew between the nodes' clocks, and a drop
/// checks the keys' own times as well.
/// </para>
/// <para>
/// A generation lasts a quarter of the dedupe retention (the switch is made by the hourly prune once the current one is
/// that old), and is dropped once it ended more than the retention ago: all its keys have expired by then. So the tables
/// hold about 1¼ retentions of keys at most, in five or six partitions.
/// </para>
/// </summary>
internal static class DedupeGenerations
{
    /// <summary>The advisory lock flushes take shared and a switch exclusively ("SWDEDUPE" in ASCII).</summary>
    internal const long LockKey = 0x5357_4445_4455_5045;

    /// <summary>How many parts of the retention a generation lasts.</summary>
    internal const int PerRetention = 4;

    public const string ShareLock = "SELECT pg_advisory_xact_lock_shared(@dedupe_lock)";

    private const string Start = "UPDATE inbox_dedupe_generations SET started_at = @now WHERE started_at IS NULL";

    private const string Current = "SELECT generation, started_at FROM inbox_dedupe_generations ORDER BY generation DESC LIMIT 1";

    private const string Ended = """
        SELECT generation FROM inbox_dedupe_generations WHERE ended_at IS NOT NULL AND ended_at < @cutoff ORDER BY generation
        """;

    /// <summary>How long a switch or a drop waits for its locks before giving up (and failing the prune).</summary>
    private const string LockTimeout = "5s";

    private static readonly string[] Tables = ["inbox_dedupe", "inbox_message_dedupe"];

    /// <summary>The shared lock's parameter, for a batch command that runs <see cref="ShareLock"/>.</summary>
    public static NpgsqlParameter<long> LockParameter() => new("dedupe_lock", LockKey);

    /// <summary>The partition of <paramref name="table"/> that holds <paramref name="generation"/>.</summary>
    public static string Name(string table, int generation) =>
        table + "_g" + generation.ToString("D10", CultureInfo.InvariantCulture);

    /// <summary>Gives the first generation its start time when no store has yet (the migration cannot know the clock).</summary>
    public static async Task StartAsync(NpgsqlDataSource source, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = source.CreateCommand(Start);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("now", now));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Starts a new generation when the current one began at least <paramref name="span"/> ago; returns whether this call
    /// switched. Two nodes pruning at once switch once: the second finds the new generation under the lock.
    /// </summary>
    public static async Task<bool> SwitchIfDueAsync(NpgsqlDataSource source, TimeProvider time, TimeSpan span, CancellationToken cancellationToken)
    {
        if (await DueAsync(source.CreateCommand(Current), time.GetUtcNow(), span, cancellationToken).ConfigureAwait(false) is null)
        {
            return false;
        }

        await using var connection = await source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var lockCommand = new NpgsqlCommand($"SET LOCAL lock_timeout = '{LockTimeout}'; SELECT pg_advisory_xact_lock(@dedupe_lock)", connection))
        {
            lockCommand.Parameters.Add(LockParameter());
            await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        // The end is read off the clock once the flushes under way have committed, so it is later than every key they
        // claimed on this node's clock (DropAsync still checks the keys themselves, for other nodes' clocks).
        var now = time.GetUtcNow();
        if (await DueAsync(new NpgsqlCommand(Current, connection), now, span, cancellationToken).ConfigureAwait(false) is not { } current)
        {
            return false;
        }

        var next = current + 1;
        await using var batch = new NpgsqlBatch(connection);
        foreach (var table in Tables)
        {
            PartitionTables.AddCreateAndAttach(batch, table, Name(table, next), next, next + 1);
        }

        var end = new NpgsqlBatchCommand("UPDATE inbox_dedupe_generations SET ended_at = @now WHERE generation = @current");
        end.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("now", now));
        end.Parameters.Add(new NpgsqlParameter<int>("current", current));
        batch.BatchCommands.Add(end);
        var begin = new NpgsqlBatchCommand("INSERT INTO inbox_dedupe_generations (generation, started_at) VALUES (@next, @now)");
        begin.Parameters.Add(new NpgsqlParameter<int>("next", next));
        begin.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("now", now));
        batch.BatchCommands.Add(begin);
        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Drops every generation that ended before <paramref name="cutoff"/>; returns how many keys they held.</summary>
    public static async Task<int> DropEndedBeforeAsync(NpgsqlDataSource source, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var ended = new List<int>();
        await using (var select = source.CreateCommand(Ended))
        {
            select.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("cutoff", cutoff));
            await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                ended.Add(reader.GetInt32(0));
            }
        }

        var removed = 0;
        foreach (var generation in ended)
        {
            removed += await DropAsync(source, generation, cutoff, cancellationToken).ConfigureAwait(false);
        }

        return removed;
    }

    /// <summary>The current generation when it began at least <paramref name="span"/> ago, else null.</summary>
    private static async Task<int?> DueAsync(NpgsqlCommand command, DateTimeOffset now, TimeSpan span, CancellationToken cancellationToken)
    {
        await using (command)
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false) || reader.IsDBNull(1))
            {
                return null;
            }

            return reader.GetFieldValue<DateTimeOffset>(1) <= now - span ? reader.GetInt32(0) : null;
        }
    }

    /// <summary>
    /// Drops one generation of both tables; 0 when another node dropped it first, or when a key in it was claimed at or
    /// after <paramref name="cutoff"/> (on a writer whose clock ran ahead of the switching node's): it is then kept until
    /// a later prune finds all its keys expired.
    /// </summary>
    private static async Task<int> DropAsync(NpgsqlDataSource source, int generation, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await using var connection = await source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        // The generation's row goes first: a second pruner waits on it and then finds nothing to drop.
        await using (var forget = new NpgsqlCommand("DELETE FROM inbox_dedupe_generations WHERE generation = @generation", connection))
        {
            forget.Parameters.Add(new NpgsqlParameter<int>("generation", generation));
            if (await forget.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                return 0;
            }
        }

        long count = 0;
        foreach (var table in Tables)
        {
            await using var counting = new NpgsqlCommand($"SELECT count(*), max(seen_at) FROM {Name(table, generation)}", connection);
            await using var reader = await counting.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (!reader.IsDBNull(1) && reader.GetFieldValue<DateTimeOffset>(1) >= cutoff)
            {
                return 0;
            }

            count += reader.GetInt64(0);
        }

        // Dropping a partition locks its parent exclusively, behind the flushes under way; the wait is bounded.
        await using (var drop = new NpgsqlCommand(
            $"SET LOCAL lock_timeout = '{LockTimeout}'; DROP TABLE {string.Join(", ", Tables.Select(t => Name(t, generation)))}", connection))
        {
            await drop.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return (int)Math.Min(count, int.MaxValue);
    }
}
