using Npgsql;
using NpgsqlTypes;
using Switchyard.Core.Delivery;

namespace Switchyard.Storage.Postgres.Profiles;

/// <summary>
/// Audience sync state beside the outbox, so that a membership-log position or a job cursor moves in the same
/// transaction as the items it queued.
/// </summary>
public sealed partial class PostgresProfileStore : IAudienceSyncStore
{
    private const string ConnectionColumns = "output_id, audience_id, active, created_at_ms, updated_at_ms";

    private const string JobColumns = "id, output_id, audience_id, kind, state, phase, cursor_mpid, processed, total, created_at_ms, finished_at_ms";

    private const string CancelRunningJobs = """
        UPDATE audience_jobs SET state = 'cancelled', finished_at_ms = @now
        WHERE output_id = @output AND audience_id = @audience AND state = 'running'
        """;

    // With a match, only users with a named field or a list field holding the item, bare or in single quotes (the
    // quoted SegmentMembership form); with @not_member_of, only users who are not members of that audience.
    private const string LedgerFilter = """
        output_id = @output
          AND (NOT @match
               OR field = ANY(@fields)
               OR (field = @list_field AND strpos(',' || replace(value, '''', '') || ',', ',' || @list_item || ',') > 0))
          AND (@not_member_of IS NULL
               OR NOT EXISTS (SELECT 1 FROM memberships m WHERE m.audience_id = @not_member_of AND m.mpid = last_sent.mpid))
        """;

    /// <inheritdoc />
    public async Task<IReadOnlyList<AudienceConnection>> AudienceConnectionsAsync(CancellationToken cancellationToken)
    {
        await using var command = Command($"SELECT {ConnectionColumns} FROM audience_connections ORDER BY output_id, audience_id", cancellationToken);
        return await ReadAllAsync(command, ReadConnection, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<AudienceConnection?> FindAudienceConnectionAsync(string outputId, int audienceId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputId);
        await using var command = Command(
            $"SELECT {ConnectionColumns} FROM audience_connections WHERE output_id = @output AND audience_id = @audience",
            cancellationToken,
            ("output", outputId),
            ("audience", audienceId));
        return (await ReadAllAsync(command, ReadConnection, cancellationToken).ConfigureAwait(false)) is [var found] ? found : null;
    }

    /// <inheritdoc />
    public async Task<AudienceConnection> SaveAudienceConnectionAsync(string outputId, int audienceId, bool active, long nowMs, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputId);
        await using var command = Command(
            $"""
            INSERT INTO audience_connections (output_id, audience_id, active, created_at_ms, updated_at_ms)
            VALUES (@output, @audience, @active, @now, @now)
            ON CONFLICT (output_id, audience_id) DO UPDATE SET active = excluded.active, updated_at_ms = excluded.updated_at_ms
            RETURNING {ConnectionColumns}
            """,
            cancellationToken,
            ("output", outputId),
            ("audience", audienceId),
            ("active", active),
            ("now", nowMs));
        return (await ReadAllAsync(command, ReadConnection, cancellationToken).ConfigureAwait(false))[0];
    }

    /// <inheritdoc />
    public async Task<bool> DeleteAudienceConnectionAsync(string outputId, int audienceId, long nowMs, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputId);
        await using var batch = await RunBatchAsync(
            [
                BatchCommand(CancelRunningJobs, ("output", outputId), ("audience", audienceId), ("now", nowMs)),
                BatchCommand("DELETE FROM audience_connections WHERE output_id = @output AND audience_id = @audience", ("output", outputId), ("audience", audienceId)),
            ],
            cancellationToken).ConfigureAwait(false);
        return batch.BatchCommands[1].RecordsAffected > 0;
    }

    /// <inheritdoc />
    public async Task<long?> MembershipTailAsync(string outputId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputId);
        await using var command = Command("SELECT position FROM membership_tails WHERE output_id = @output", cancellationToken, ("output", outputId));
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long position ? position : null;
    }

    /// <inheritdoc />
    public async Task AdvanceMembershipTailAsync(string outputId, long position, IReadOnlyList<OutboxEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputId);
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        ThrowIfInvalid(entries);
        var commands = new List<NpgsqlBatchCommand>();
        if (entries.Count > 0)
        {
            commands.Add(OutboxEntries.Insert(entries, PartitionCount));
        }

        commands.Add(BatchCommand(
            """
            INSERT INTO membership_tails (output_id, position) VALUES (@output, @position)
            ON CONFLICT (output_id) DO UPDATE SET position = excluded.position
            """,
            ("output", outputId),
            ("position", position)));
        await using var batch = await RunBatchAsync(commands, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<AudienceJob> StartAudienceJobAsync(string outputId, int audienceId, AudienceJobKind kind, long total, long nowMs, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputId);
        ArgumentOutOfRangeException.ThrowIfNegative(total);
        ThrowIfDisposed();
        cancellationToken.ThrowIfCancellationRequested();
        await using var batch = Source.CreateBatch();
        batch.BatchCommands.Add(BatchCommand(CancelRunningJobs, ("output", outputId), ("audience", audienceId), ("now", nowMs)));
        batch.BatchCommands.Add(BatchCommand(
            $"""
            INSERT INTO audience_jobs (output_id, audience_id, kind, state, phase, cursor_mpid, processed, total, created_at_ms)
            VALUES (@output, @audience, @kind, 'running', @phase, @not_started, 0, @total, @now)
            RETURNING {JobColumns}
            """,
            ("output", outputId),
            ("audience", audienceId),
            ("kind", KindName(kind)),
            ("phase", kind == AudienceJobKind.CleanUp ? 1 : 0),
            ("not_started", AudienceJob.NotStarted),
            ("total", total),
            ("now", nowMs)));
        await using var rows = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await rows.ReadAsync(cancellationToken).ConfigureAwait(false);
        return ReadJob(rows);
    }

    /// <inheritdoc />
    public async Task<AudienceJob?> FindAudienceJobAsync(long jobId, CancellationToken cancellationToken)
    {
        await using var command = Command($"SELECT {JobColumns} FROM audience_jobs WHERE id = @id", cancellationToken, ("id", jobId));
        return (await ReadAllAsync(command, ReadJob, cancellationToken).ConfigureAwait(false)) is [var job] ? job : null;
    }

    /// <inheritdoc />
    public async Task<bool> CancelAudienceJobAsync(long jobId, long nowMs, CancellationToken cancellationToken)
    {
        await using var command = Command(
            "UPDATE audience_jobs SET state = 'cancelled', finished_at_ms = @now WHERE id = @id AND state = 'running'",
            cancellationToken,
            ("id", jobId),
            ("now", nowMs));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AudienceJob>> AudienceJobsAsync(string? outputId, int? audienceId, bool runningOnly, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var command = Command(
            $"""
            SELECT {JobColumns} FROM audience_jobs
            WHERE (@output IS NULL OR output_id = @output) AND (@audience IS NULL OR audience_id = @audience)
              AND (NOT @running OR state = 'running')
            ORDER BY id DESC LIMIT @limit
            """,
            cancellationToken,
            ("running", runningOnly),
            ("limit", limit));
        command.Parameters.Add(Nullable("output", NpgsqlDbType.Text, outputId));
        command.Parameters.Add(Nullable("audience", NpgsqlDbType.Integer, audienceId));
        return await ReadAllAsync(command, ReadJob, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<bool> AdvanceAudienceJobAsync(long jobId, int phase, long cursorMpid, long processedDelta, IReadOnlyList<OutboxEntry> entries, bool finished, long nowMs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentOutOfRangeException.ThrowIfNegative(processedDelta);
        ThrowIfInvalid(entries);
        ThrowIfDisposed();
        cancellationToken.ThrowIfCancellationRequested();
        await using var connection = await Source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var advance = new NpgsqlCommand(
            """
            UPDATE audience_jobs
            SET phase = @phase, cursor_mpid = @cursor, processed = processed + @delta,
                state = CASE WHEN @finished THEN 'done' ELSE 'running' END,
                finished_at_ms = CASE WHEN @finished THEN @now ELSE NULL END
            WHERE id = @id AND state = 'running'
            """,
            connection,
            transaction))
        {
            advance.Parameters.AddWithValue("phase", phase);
            advance.Parameters.AddWithValue("cursor", cursorMpid);
            advance.Parameters.AddWithValue("delta", processedDelta);
            advance.Parameters.AddWithValue("finished", finished);
            advance.Parameters.AddWithValue("now", nowMs);
            advance.Parameters.AddWithValue("id", jobId);
            if (await advance.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                return false;
            }
        }

        if (entries.Count > 0)
        {
            await using var insert = new NpgsqlBatch(connection, transaction) { BatchCommands = { OutboxEntries.Insert(entries, PartitionCount) } };
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<long>> LedgerUsersAsync(string outputId, LedgerMatch? match, int? notMemberOf, long? afterMpid, int limit, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var command = LedgerCommand(
            $"SELECT DISTINCT mpid FROM last_sent WHERE {LedgerFilter} AND (@after IS NULL OR mpid > @after) ORDER BY mpid LIMIT @limit",
            outputId,
            match,
            notMemberOf,
            cancellationToken);
        command.Parameters.Add(Nullable("after", NpgsqlDbType.Bigint, afterMpid));
        command.Parameters.AddWithValue("limit", limit);
        return await ReadAllAsync(command, r => r.GetInt64(0), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<long> CountLedgerUsersAsync(string outputId, LedgerMatch? match, int? notMemberOf, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputId);
        await using var command = LedgerCommand($"SELECT count(DISTINCT mpid) FROM last_sent WHERE {LedgerFilter}", outputId, match, notMemberOf, cancellationToken);
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <inheritdoc />
    public async Task<bool> HasDueItemsCreatedByAsync(string outputId, long createdAtMs, long nowMs, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputId);
        await using var command = Command(
            """
            SELECT EXISTS (SELECT 1 FROM outbox WHERE output_id = @output AND next_attempt_at_ms <= @now AND created_at_ms <= @created)
            """,
            cancellationToken,
            ("output", outputId),
            ("now", nowMs),
            ("created", createdAtMs));
        return (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <inheritdoc />
    public async Task<long> LatestMembershipChangeIdAsync(CancellationToken cancellationToken)
    {
        await using var command = Command("SELECT coalesce(max(id), 0)::bigint FROM membership_changes", cancellationToken);
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <inheritdoc />
    /// <remarks>
    /// Drops whole time partitions (<see cref="TimePartitions"/>, <see cref="LogPartitionOptions.MembershipLogSpan"/>),
    /// each in a transaction of its own: one that ends at or before <paramref name="beforeMs"/> and whose largest id (its
    /// index answers at once) is at most <paramref name="upToId"/>. Any other partition stays whole.
    /// </remarks>
    public async Task<int> PruneMembershipChangesAsync(long beforeMs, long upToId, CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        var removed = await MembershipLog.DropBeforeAsync(beforeMs, upToId, cancellationToken).ConfigureAwait(false);
        return (int)Math.Min(removed, int.MaxValue);
    }

    private NpgsqlCommand LedgerCommand(string sql, string outputId, LedgerMatch? match, int? notMemberOf, CancellationToken cancellationToken)
    {
        var command = Command(sql, cancellationToken, ("output", outputId), ("match", match is not null), ("fields", (match?.Fields ?? []).ToArray()));
        command.Parameters.Add(Nullable("list_field", NpgsqlDbType.Text, match?.ListField));
        command.Parameters.Add(Nullable("list_item", NpgsqlDbType.Text, match?.ListItem));
        command.Parameters.Add(Nullable("not_member_of", NpgsqlDbType.Integer, notMemberOf));
        return command;
    }

    private static void ThrowIfInvalid(IReadOnlyList<OutboxEntry> entries)
    {
        foreach (var entry in entries)
        {
            ArgumentException.ThrowIfNullOrEmpty(entry.OutputId);
            ArgumentNullException.ThrowIfNull(entry.Payload);
        }
    }

    private static AudienceConnection ReadConnection(NpgsqlDataReader row) =>
        new(row.GetString(0), row.GetInt32(1), row.GetBoolean(2), row.GetInt64(3), row.GetInt64(4));

    private static AudienceJob ReadJob(NpgsqlDataReader row) => new(
        row.GetInt64(0),
        row.GetString(1),
        row.GetInt32(2),
        row.GetString(3) == "clean_up" ? AudienceJobKind.CleanUp : AudienceJobKind.Sync,
        row.GetString(4) switch
        {
            "running" => AudienceJobState.Running,
            "done" => AudienceJobState.Done,
            _ => AudienceJobState.Cancelled,
        },
        row.GetInt32(5),
        row.GetInt64(6),
        row.GetInt64(7),
        row.GetInt64(8),
        row.GetInt64(9),
        row.IsDBNull(10) ? null : row.GetInt64(10));

    private static string KindName(AudienceJobKind kind) => kind == AudienceJobKind.CleanUp ? "clean_up" : "sync";
}
