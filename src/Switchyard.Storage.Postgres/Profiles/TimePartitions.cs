using System.Globalization;
using Npgsql;

namespace Switchyard.Storage.Postgres.Profiles;

/// <summary>
/// The partitions of one append-only log partitioned by range of a time column (milliseconds): the partition for time
/// <c>t</c> covers <c>[floor(t / span) * span, +span)</c>, named by its lower bound, created when the first row needs it
/// and dropped whole once all of it lies before the retention cutoff. There is no default partition, so that a drop
/// never has to move rows; instead the store creates a bucket before a write whose rows fall in one it has not seen.
/// </summary>
/// <remarks>
/// Creating and dropping take one transaction-scoped advisory lock per table, so nodes creating the same bucket, or
/// pruning the same partition, take turns and the second finds the work done. A partition created with another span
/// (an earlier setting, the migration) stays as it is: a new bucket is narrowed to end where a neighbour starts, so
/// ranges never overlap whatever the span was when each was made.
/// </remarks>
internal sealed class TimePartitions
{
    /// <summary>How long dropping a partition waits for a table lock before giving up (and failing the prune).</summary>
    private const string DropLockTimeout = "1s";

    /// <summary>How many times a write is tried when its bucket keeps being dropped under it.</summary>
    private const int WriteAttempts = 5;

    // The bounds of every partition, from the catalogue (PostgreSQL prints them as FROM ('a') TO ('b')).
    private const string ListSql = """
        SELECT c.relname, b[1]::bigint, b[2]::bigint
        FROM pg_inherits i
        JOIN pg_class c ON c.oid = i.inhrelid
        CROSS JOIN LATERAL regexp_match(pg_get_expr(c.relpartbound, c.oid), 'FROM \(''(-?[0-9]+)''\) TO \(''(-?[0-9]+)''\)') AS m(b)
        WHERE i.inhparent = to_regclass(@parent) AND b IS NOT NULL
        ORDER BY 2
        """;

    private readonly NpgsqlDataSource _source;
    private readonly long _lockKey;
    private readonly Lock _gate = new();

    // The ranges this store last found or made; a write whose rows all fall in them needs no round trip first.
    private List<Range> _known = [];

    /// <param name="source">The pooled connections.</param>
    /// <param name="table">The partitioned table (a constant of this assembly, never input).</param>
    /// <param name="span">The width of a bucket.</param>
    /// <param name="lockKey">The advisory lock that serialises creating and dropping this table's partitions.</param>
    /// <param name="idColumn">A column whose largest value a drop must check (the membership log's id), or null.</param>
    public TimePartitions(NpgsqlDataSource source, string table, TimeSpan span, long lockKey, string? idColumn = null)
    {
        _source = source;
        Table = table;
        SpanMs = (long)span.TotalMilliseconds;
        _lockKey = lockKey;
        IdColumn = idColumn;
    }

    /// <summary>The partitioned table.</summary>
    public string Table { get; }

    /// <summary>The width of a bucket in milliseconds.</summary>
    public long SpanMs { get; }

    private string? IdColumn { get; }

    /// <summary>The lower bound of the bucket that holds <paramref name="timeMs"/>.</summary>
    public static long BucketOf(long timeMs, long spanMs) => timeMs - (((timeMs % spanMs) + spanMs) % spanMs);

    /// <summary>
    /// The table name of the partition of <paramref name="table"/> that starts at <paramref name="lower"/>; the schema
    /// step that partitioned the logs names its partitions the same way.
    /// </summary>
    public static string Name(string table, long lower) =>
        string.Create(CultureInfo.InvariantCulture, $"{table}_{(lower < 0 ? "m" : "")}{Math.Abs(lower):D19}");

    /// <summary>
    /// Runs <paramref name="write"/> once every time in <paramref name="times"/> has a partition. When the write still
    /// finds none for a row (another node's prune dropped the bucket since this store saw it, which only a row whose
    /// time is already past the retention can meet), the store forgets what it knew, creates the buckets again and runs
    /// the write again, up to <see cref="WriteAttempts"/> times in all; the write must be a transaction of its own,
    /// which PostgreSQL has rolled back by then.
    /// </summary>
    public async Task<T> WriteAsync<T>(IReadOnlyCollection<long> times, Func<Task<T>> write, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await EnsureAsync(times, cancellationToken).ConfigureAwait(false);
            try
            {
                return await write().ConfigureAwait(false);
            }
            catch (PostgresException e) when (attempt < WriteAttempts && IsMissingPartition(e))
            {
                Forget();
            }
        }
    }

    /// <summary>Creates the buckets that <paramref name="times"/> fall in and this store has not seen yet.</summary>
    public async Task EnsureAsync(IReadOnlyCollection<long> times, CancellationToken cancellationToken)
    {
        List<long> missing;
        lock (_gate)
        {
            missing = [.. times.Distinct().Where(t => !Covers(_known, t)).Order()];
        }

        if (missing.Count == 0)
        {
            return;
        }

        await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await LockAsync(connection, cancellationToken).ConfigureAwait(false);
        var existing = await ListAsync(connection, cancellationToken).ConfigureAwait(false);
        foreach (var time in missing)
        {
            if (Covers(existing, time))
            {
                continue;
            }

            var range = BucketAround(existing, time);
            await CreateAsync(connection, range, cancellationToken).ConfigureAwait(false);
            existing.Add(range);
            existing.Sort((a, b) => a.Lower.CompareTo(b.Lower));
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            _known = existing;
        }
    }

    /// <summary>Forgets the buckets this store has seen, so the next write checks them again.</summary>
    public void Forget()
    {
        lock (_gate)
        {
            _known = [];
        }
    }

    /// <summary>
    /// Drops every partition whose range ends at or before <paramref name="beforeMs"/> and, for a log with an id column,
    /// whose ids are all at most <paramref name="upToId"/>; returns how many rows they held.
    /// </summary>
    public async Task<long> DropBeforeAsync(long beforeMs, long upToId, CancellationToken cancellationToken)
    {
        List<Range> candidates;
        await using (var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
        {
            candidates = [.. (await ListAsync(connection, cancellationToken).ConfigureAwait(false)).Where(p => p.Upper <= beforeMs)];
        }

        long removed = 0;
        foreach (var partition in candidates)
        {
            removed += await DropAsync(partition.Name, beforeMs, upToId, cancellationToken).ConfigureAwait(false);
        }

        if (candidates.Count > 0)
        {
            // A late row for a dropped bucket then makes it again at once instead of failing its first attempt.
            Forget();
        }

        return removed;
    }

    /// <summary>
    /// Whether <paramref name="exception"/> says a row had no partition to go to. PostgreSQL reports it as a check
    /// violation naming the partitioned table but no constraint, which sets it apart from the table's own checks.
    /// </summary>
    private bool IsMissingPartition(PostgresException exception) =>
        exception.SqlState == PostgresErrorCodes.CheckViolation
        && string.IsNullOrEmpty(exception.ConstraintName)
        && string.Equals(exception.TableName, Table, StringComparison.Ordinal);

    private static bool Covers(List<Range> ranges, long timeMs) => ranges.Exists(r => r.Lower <= timeMs && timeMs < r.Upper);

    /// <summary>
    /// The bucket of <paramref name="timeMs"/>, which no partition holds, narrowed so it overlaps none of
    /// <paramref name="existing"/>: it starts no earlier than the end of the partition before it and ends no later than
    /// the start of the one after it.
    /// </summary>
    private Range BucketAround(List<Range> existing, long timeMs)
    {
        var from = BucketOf(timeMs, SpanMs);
        var to = from > long.MaxValue - SpanMs ? long.MaxValue : from + SpanMs;
        foreach (var range in existing)
        {
            if (range.Upper <= timeMs)
            {
                from = Math.Max(from, range.Upper);
            }
            else
            {
                to = Math.Min(to, range.Lower);
            }
        }

        return new Range(Name(Table, from), from, to);
    }

    private async Task CreateAsync(NpgsqlConnection connection, Range range, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection);
        PartitionTables.AddCreateAndAttach(batch, Table, range.Name, range.Lower, range.Upper);
        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Drops one partition and returns how many rows it held; 0 when it is gone already or must stay.</summary>
    /// <remarks>
    /// The partition's bounds are read again under the advisory lock, so one dropped and made anew with other bounds
    /// since the candidates were listed is judged by its new bounds. Rows are counted before the table is locked, so
    /// the count does not hold up writers; a row that lands in the partition after the count (only a row whose time is
    /// already past the cutoff can) goes with it uncounted. Then the table itself is locked exclusively, before its
    /// partition: a writer locks the table first and then the partition a row goes to, so taking them in the same order
    /// cannot deadlock with one. That lock waits at most <see cref="DropLockTimeout"/>, and holds writers and readers
    /// only for the id check (an index lookup) and the drop.
    /// </remarks>
    private async Task<long> DropAsync(string name, long beforeMs, long upToId, CancellationToken cancellationToken)
    {
        await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var timeout = new NpgsqlCommand($"SET LOCAL lock_timeout = '{DropLockTimeout}'", connection))
        {
            await timeout.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        // Under the lock, a second pruner (another node) finds the partition gone and counts nothing.
        await LockAsync(connection, cancellationToken).ConfigureAwait(false);
        var now = (await ListAsync(connection, cancellationToken).ConfigureAwait(false)).Find(r => r.Name == name);
        if (now.Name is null || now.Upper > beforeMs)
        {
            return 0;
        }

        long count;
        await using (var counting = new NpgsqlCommand($"SELECT count(*) FROM {name}", connection))
        {
            count = (long)(await counting.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }

        await using (var hold = new NpgsqlCommand($"LOCK TABLE {Table} IN ACCESS EXCLUSIVE MODE", connection))
        {
            await hold.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        if (IdColumn is not null)
        {
            // Answered from the partition's index on the id at once.
            await using var highest = new NpgsqlCommand($"SELECT coalesce(max({IdColumn}), 0)::bigint FROM {name}", connection);
            if ((long)(await highest.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))! > upToId)
            {
                return 0;
            }
        }

        await using (var drop = new NpgsqlCommand($"DROP TABLE {name}", connection))
        {
            await drop.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return count;
    }

    private async Task LockAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection);
        command.Parameters.Add(new NpgsqlParameter<long>("key", _lockKey));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The partitions of the table, in order, as the catalogue has them now.</summary>
    private async Task<List<Range>> ListAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(ListSql, connection);
        command.Parameters.Add(new NpgsqlParameter<string>("parent", Table));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var ranges = new List<Range>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            ranges.Add(new Range(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2)));
        }

        return ranges;
    }

    /// <summary>One partition: its table name and the times it holds, <c>[Lower, Upper)</c>.</summary>
    internal readonly record struct Range(string Name, long Lower, long Upper);
}
