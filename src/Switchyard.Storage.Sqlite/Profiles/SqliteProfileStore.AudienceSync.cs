using Microsoft.Data.Sqlite;
using Switchyard.Core.Delivery;

namespace Switchyard.Storage.Sqlite.Profiles;

/// <summary><see cref="IAudienceSyncStore"/>: connections, membership-log positions and jobs, each call one short transaction.</summary>
public sealed partial class SqliteProfileStore
{
    /// <inheritdoc />
    public Task<IReadOnlyList<AudienceConnection>> AudienceConnectionsAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(AudienceConnections());
    }

    private IReadOnlyList<AudienceConnection> AudienceConnections()
    {
        using var connection = OpenReader();
        using var command = Command(connection, AudienceSyncSchema.SelectConnections);
        return ReadConnections(command);
    }

    /// <inheritdoc />
    public Task<AudienceConnection?> FindAudienceConnectionAsync(string outputId, int audienceId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(FindAudienceConnection(outputId, audienceId));
    }

    private AudienceConnection? FindAudienceConnection(string outputId, int audienceId)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputId);
        using var connection = OpenReader();
        using var command = Command(connection, AudienceSyncSchema.SelectConnection, ("$output", outputId), ("$audience", audienceId));
        return ReadConnections(command) is [var found] ? found : null;
    }

    /// <inheritdoc />
    public Task<AudienceConnection> SaveAudienceConnectionAsync(string outputId, int audienceId, bool active, long nowMs, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(SaveAudienceConnection(outputId, audienceId, active, nowMs));
    }

    private AudienceConnection SaveAudienceConnection(string outputId, int audienceId, bool active, long nowMs)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputId);
        return Write(transaction =>
        {
            using (var upsert = Command(transaction, AudienceSyncSchema.UpsertConnection, ("$output", outputId), ("$audience", audienceId), ("$active", active), ("$now", nowMs)))
            {
                upsert.ExecuteNonQuery();
            }

            using var select = Command(transaction, AudienceSyncSchema.SelectConnection, ("$output", outputId), ("$audience", audienceId));
            return ReadConnections(select)[0];
        });
    }

    /// <inheritdoc />
    public Task<bool> DeleteAudienceConnectionAsync(string outputId, int audienceId, long nowMs, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(DeleteAudienceConnection(outputId, audienceId, nowMs));
    }

    private bool DeleteAudienceConnection(string outputId, int audienceId, long nowMs)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputId);
        return Write(transaction =>
        {
            using (var cancel = Command(transaction, AudienceSyncSchema.CancelRunningJobs, ("$output", outputId), ("$audience", audienceId), ("$now", nowMs)))
            {
                cancel.ExecuteNonQuery();
            }

            using var delete = Command(transaction, AudienceSyncSchema.DeleteConnection, ("$output", outputId), ("$audience", audienceId));
            return delete.ExecuteNonQuery() > 0;
        });
    }

    /// <inheritdoc />
    public Task<long?> MembershipTailAsync(string outputId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(MembershipTail(outputId));
    }

    private long? MembershipTail(string outputId)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputId);
        using var connection = OpenReader();
        using var command = Command(connection, AudienceSyncSchema.SelectTail, ("$output", outputId));
        return command.ExecuteScalar() is long position ? position : null;
    }

    /// <inheritdoc />
    public Task AdvanceMembershipTailAsync(string outputId, long position, IReadOnlyList<OutboxEntry> entries, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        AdvanceMembershipTail(outputId, position, entries);
        return Task.CompletedTask;
    }

    private void AdvanceMembershipTail(string outputId, long position, IReadOnlyList<OutboxEntry> entries)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputId);
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        Write(transaction =>
        {
            InsertEntries(transaction, entries);
            using var command = Command(transaction, AudienceSyncSchema.UpsertTail, ("$output", outputId), ("$position", position));
            command.ExecuteNonQuery();
        });
    }

    /// <inheritdoc />
    public Task<AudienceJob> StartAudienceJobAsync(string outputId, int audienceId, AudienceJobKind kind, long total, long nowMs, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(StartAudienceJob(outputId, audienceId, kind, total, nowMs));
    }

    private AudienceJob StartAudienceJob(string outputId, int audienceId, AudienceJobKind kind, long total, long nowMs)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputId);
        ArgumentOutOfRangeException.ThrowIfNegative(total);
        return Write(transaction =>
        {
            using (var cancel = Command(transaction, AudienceSyncSchema.CancelRunningJobs, ("$output", outputId), ("$audience", audienceId), ("$now", nowMs)))
            {
                cancel.ExecuteNonQuery();
            }

            using var insert = Command(
                transaction,
                AudienceSyncSchema.InsertJob,
                ("$output", outputId),
                ("$audience", audienceId),
                ("$kind", KindName(kind)),
                ("$phase", kind == AudienceJobKind.CleanUp ? 1 : 0),
                ("$total", total),
                ("$now", nowMs));
            var id = (long)insert.ExecuteScalar()!;
            using var select = Command(transaction, $"SELECT {AudienceSyncSchema.JobColumns} FROM audience_jobs WHERE id = $id;", ("$id", id));
            return ReadJobs(select)[0];
        });
    }

    /// <inheritdoc />
    public Task<AudienceJob?> FindAudienceJobAsync(long jobId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(FindAudienceJob(jobId));
    }

    private AudienceJob? FindAudienceJob(long jobId)
    {
        using var connection = OpenReader();
        using var command = Command(connection, $"SELECT {AudienceSyncSchema.JobColumns} FROM audience_jobs WHERE id = $id;", ("$id", jobId));
        return ReadJobs(command) is [var job] ? job : null;
    }

    /// <inheritdoc />
    public Task<bool> CancelAudienceJobAsync(long jobId, long nowMs, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(CancelAudienceJob(jobId, nowMs));
    }

    private bool CancelAudienceJob(long jobId, long nowMs) => Write(transaction =>
    {
        using var command = Command(
            transaction,
            "UPDATE audience_jobs SET state = 'cancelled', finished_at_ms = $now WHERE id = $id AND state = 'running';",
            ("$id", jobId),
            ("$now", nowMs));
        return command.ExecuteNonQuery() > 0;
    });

    /// <inheritdoc />
    public Task<IReadOnlyList<AudienceJob>> AudienceJobsAsync(string? outputId, int? audienceId, bool runningOnly, int limit, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(AudienceJobs(outputId, audienceId, runningOnly, limit));
    }

    private IReadOnlyList<AudienceJob> AudienceJobs(string? outputId, int? audienceId, bool runningOnly, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        using var connection = OpenReader();
        using var command = Command(
            connection,
            $"""
            SELECT {AudienceSyncSchema.JobColumns} FROM audience_jobs
            WHERE ($output IS NULL OR output_id = $output) AND ($audience IS NULL OR audience_id = $audience)
              AND ($running = 0 OR state = 'running')
            ORDER BY id DESC LIMIT $limit;
            """,
            ("$output", (object?)outputId ?? DBNull.Value),
            ("$audience", (object?)audienceId ?? DBNull.Value),
            ("$running", runningOnly),
            ("$limit", limit));
        return ReadJobs(command);
    }

    /// <inheritdoc />
    public Task<bool> AdvanceAudienceJobAsync(long jobId, int phase, long cursorMpid, long processedDelta, IReadOnlyList<OutboxEntry> entries, bool finished, long nowMs, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(AdvanceAudienceJob(jobId, phase, cursorMpid, processedDelta, entries, finished, nowMs));
    }

    private bool AdvanceAudienceJob(long jobId, int phase, long cursorMpid, long processedDelta, IReadOnlyList<OutboxEntry> entries, bool finished, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentOutOfRangeException.ThrowIfNegative(processedDelta);
        return Write(transaction =>
        {
            using var advance = Command(
                transaction,
                AudienceSyncSchema.AdvanceJob,
                ("$phase", phase),
                ("$cursor", cursorMpid),
                ("$delta", processedDelta),
                ("$finished", finished),
                ("$now", nowMs),
                ("$id", jobId));
            if (advance.ExecuteNonQuery() == 0)
            {
                return false;
            }

            InsertEntries(transaction, entries);
            return true;
        });
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<long>> LedgerUsersAsync(string outputId, LedgerMatch? match, int? notMemberOf, long? afterMpid, int limit, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(LedgerUsers(outputId, match, notMemberOf, afterMpid, limit));
    }

    private IReadOnlyList<long> LedgerUsers(string outputId, LedgerMatch? match, int? notMemberOf, long? afterMpid, int limit)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        using var connection = OpenReader();
        using var command = LedgerCommand(connection, AudienceSyncSchema.LedgerUsers, outputId, match, notMemberOf);
        command.Parameters.AddWithValue("$after", (object?)afterMpid ?? DBNull.Value);
        command.Parameters.AddWithValue("$limit", limit);
        using var reader = command.ExecuteReader();
        var mpids = new List<long>();
        while (reader.Read())
        {
            mpids.Add(reader.GetInt64(0));
        }

        return mpids;
    }

    /// <inheritdoc />
    public Task<long> CountLedgerUsersAsync(string outputId, LedgerMatch? match, int? notMemberOf, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(CountLedgerUsers(outputId, match, notMemberOf));
    }

    private long CountLedgerUsers(string outputId, LedgerMatch? match, int? notMemberOf)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputId);
        using var connection = OpenReader();
        using var command = LedgerCommand(connection, AudienceSyncSchema.CountLedgerUsers, outputId, match, notMemberOf);
        return (long)command.ExecuteScalar()!;
    }

    private static SqliteCommand LedgerCommand(SqliteConnection connection, string sql, string outputId, LedgerMatch? match, int? notMemberOf) =>
        Command(
            connection,
            sql,
            ("$output", outputId),
            ("$match", match is not null),
            ("$fields", new System.Text.Json.Nodes.JsonArray([.. (match?.Fields ?? []).Select(f => System.Text.Json.Nodes.JsonValue.Create(f))]).ToJsonString()),
            ("$list_field", (object?)match?.ListField ?? DBNull.Value),
            ("$list_item", (object?)match?.ListItem ?? DBNull.Value),
            ("$not_member_of", (object?)notMemberOf ?? DBNull.Value));

    /// <inheritdoc />
    public Task<bool> HasDueItemsCreatedByAsync(string outputId, long createdAtMs, long nowMs, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(HasDueItemsCreatedBy(outputId, createdAtMs, nowMs));
    }

    private bool HasDueItemsCreatedBy(string outputId, long createdAtMs, long nowMs)
    {
        ArgumentException.ThrowIfNullOrEmpty(outputId);
        using var connection = OpenReader();
        using var command = Command(connection, AudienceSyncSchema.DueItemsCreatedBy, ("$output", outputId), ("$created", createdAtMs), ("$now", nowMs));
        return (long)command.ExecuteScalar()! != 0;
    }

    /// <inheritdoc />
    public Task<long> LatestMembershipChangeIdAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(LatestMembershipChangeId());
    }

    private long LatestMembershipChangeId()
    {
        using var connection = OpenReader();
        using var command = Command(connection, AudienceSyncSchema.LatestMembershipChange);
        return (long)command.ExecuteScalar()!;
    }

    /// <inheritdoc />
    public Task<int> PruneMembershipChangesAsync(long beforeMs, long upToId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(PruneMembershipChanges(beforeMs, upToId));
    }

    private int PruneMembershipChanges(long beforeMs, long upToId) => Write(transaction =>
    {
        using var command = Command(
            transaction, "DELETE FROM membership_changes WHERE id <= $up_to AND at_ms < $before;", ("$up_to", upToId), ("$before", beforeMs));
        return command.ExecuteNonQuery();
    });

    private static void InsertEntries(SqliteTransaction transaction, IReadOnlyList<OutboxEntry> entries)
    {
        if (entries.Count == 0)
        {
            return;
        }

        using var insert = Command(transaction, OutboxSchema.Insert, ("$output", ""), ("$mpid", 0L), ("$payload", ""), ("$created", 0L));
        insert.Prepare();
        foreach (var entry in entries)
        {
            ArgumentException.ThrowIfNullOrEmpty(entry.OutputId);
            ArgumentNullException.ThrowIfNull(entry.Payload);
            insert.Parameters["$output"].Value = entry.OutputId;
            insert.Parameters["$mpid"].Value = entry.Mpid;
            insert.Parameters["$payload"].Value = entry.Payload;
            insert.Parameters["$created"].Value = entry.CreatedAtMs;
            insert.ExecuteNonQuery();
        }
    }

    private static List<AudienceConnection> ReadConnections(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var connections = new List<AudienceConnection>();
        while (reader.Read())
        {
            connections.Add(new AudienceConnection(reader.GetString(0), reader.GetInt32(1), reader.GetInt64(2) != 0, reader.GetInt64(3), reader.GetInt64(4)));
        }

        return connections;
    }

    private static List<AudienceJob> ReadJobs(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var jobs = new List<AudienceJob>();
        while (reader.Read())
        {
            jobs.Add(new AudienceJob(
                reader.GetInt64(0),
                reader.GetString(1),
                reader.GetInt32(2),
                reader.GetString(3) == "clean_up" ? AudienceJobKind.CleanUp : AudienceJobKind.Sync,
                reader.GetString(4) switch
                {
                    "running" => AudienceJobState.Running,
                    "done" => AudienceJobState.Done,
                    _ => AudienceJobState.Cancelled,
                },
                reader.GetInt32(5),
                reader.GetInt64(6),
                reader.GetInt64(7),
                reader.GetInt64(8),
                reader.GetInt64(9),
                reader.IsDBNull(10) ? null : reader.GetInt64(10)));
        }

        return jobs;
    }

    private static string KindName(AudienceJobKind kind) => kind == AudienceJobKind.CleanUp ? "clean_up" : "sync";
}
