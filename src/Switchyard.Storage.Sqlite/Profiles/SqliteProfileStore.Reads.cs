using Microsoft.Data.Sqlite;
using Switchyard.Core.Profiles;

namespace Switchyard.Storage.Sqlite.Profiles;

/// <summary>Reads outside sessions: each on a pooled connection of its own, so they see committed data only.</summary>
public sealed partial class SqliteProfileStore
{
    /// <inheritdoc />
    public Task<long> ReadCheckpointAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(ReadCheckpoint());
    }

    private long ReadCheckpoint()
    {
        using var connection = OpenReader();
        using var command = Command(connection, ProfileSchema.SelectCheckpoint);
        return command.ExecuteScalar() is long sequence ? sequence : 0;
    }

    /// <inheritdoc />
    public Task<Core.Processing.ProcessingTotals> ReadTotalsAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(ReadTotals());
    }

    private Core.Processing.ProcessingTotals ReadTotals()
    {
        using var connection = OpenReader();
        using var command = Command(connection, ProfileSchema.SelectTotals);
        using var reader = command.ExecuteReader();
        var counters = new List<(string, long)>();
        while (reader.Read())
        {
            counters.Add((reader.GetString(0), reader.GetInt64(1)));
        }

        return Core.Processing.ProcessingTotals.FromNamed(counters);
    }

    /// <inheritdoc />
    public Task<Profile?> FindProfileAsync(long mpid, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(FindProfile(mpid));
    }

    private Profile? FindProfile(long mpid)
    {
        using var connection = OpenReader();
        using var command = Command(connection, ProfileSchema.SelectDocument, ("$mpid", mpid));
        return command.ExecuteScalar() is string document ? ProfileDocuments.Deserialize(document) : null;
    }

    /// <inheritdoc />
    public Task<long?> FindMpidAsync(string identityKey, string value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(identityKey);
        ArgumentNullException.ThrowIfNull(value);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(FindMpid(identityKey, value));
    }

    private long? FindMpid(string identityKey, string value)
    {
        using var connection = OpenReader();
        using var command = Command(connection, ProfileSchema.SelectMpid, ("$key", identityKey), ("$value", value));
        return command.ExecuteScalar() is long mpid ? mpid : null;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<MembershipChange>> ReadMembershipChangesAsync(long afterId, int limit, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(ReadMembershipChanges(afterId, limit));
    }

    private IReadOnlyList<MembershipChange> ReadMembershipChanges(long afterId, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        using var connection = OpenReader();
        using var command = Command(connection, ProfileSchema.ReadChanges, ("$after", afterId), ("$limit", limit));
        using var reader = command.ExecuteReader();
        var changes = new List<MembershipChange>();
        while (reader.Read())
        {
            changes.Add(new MembershipChange(
                reader.GetInt64(0), reader.GetInt32(1), reader.GetInt64(2), MembershipActions.FromColumn(reader.GetString(3)), reader.GetInt64(4)));
        }

        return changes;
    }

    /// <inheritdoc />
    public Task<long> CountMembersAsync(int audienceId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(CountMembers(audienceId));
    }

    private long CountMembers(int audienceId)
    {
        using var connection = OpenReader();
        using var command = Command(connection, ProfileSchema.CountMembers, ("$audience", audienceId));
        return (long)command.ExecuteScalar()!;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<long>> MembersAsync(int audienceId, long? afterMpid, int limit, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Members(audienceId, afterMpid, limit));
    }

    private IReadOnlyList<long> Members(int audienceId, long? afterMpid, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        using var connection = OpenReader();
        using var command = afterMpid is { } after
            ? Command(connection, ProfileSchema.MembersAfter, ("$audience", audienceId), ("$after", after), ("$limit", limit))
            : Command(connection, ProfileSchema.FirstMembers, ("$audience", audienceId), ("$limit", limit));
        using var reader = command.ExecuteReader();
        var members = new List<long>();
        while (reader.Read())
        {
            members.Add(reader.GetInt64(0));
        }

        return members;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<long>> ProfileMpidsAsync(long? afterMpid, int limit, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(ProfileMpids(afterMpid, limit));
    }

    private IReadOnlyList<long> ProfileMpids(long? afterMpid, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        using var connection = OpenReader();
        using var command = afterMpid is { } after
            ? Command(connection, ProfileSchema.ProfilesAfter, ("$after", after), ("$limit", limit))
            : Command(connection, ProfileSchema.FirstProfiles, ("$limit", limit));
        using var reader = command.ExecuteReader();
        var mpids = new List<long>();
        while (reader.Read())
        {
            mpids.Add(reader.GetInt64(0));
        }

        return mpids;
    }

    private SqliteConnection OpenReader()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return ReaderConnections.Open(_connectionString, _pageCap);
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, params ReadOnlySpan<(string Name, object Value)> parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }
}
