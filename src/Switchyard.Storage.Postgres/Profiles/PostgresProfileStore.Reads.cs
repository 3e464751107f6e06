using Npgsql;
using Switchyard.Core.Profiles;

namespace Switchyard.Storage.Postgres.Profiles;

/// <summary>Reads outside sessions: one statement each on a pooled connection, so they see committed data only.</summary>
public sealed partial class PostgresProfileStore
{
    /// <inheritdoc />
    public async Task<long> ReadCheckpointAsync(CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        await using var command = Source.CreateCommand(ProfileTables.SelectCheckpoint);
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <inheritdoc />
    public async Task<Core.Processing.ProcessingTotals> ReadTotalsAsync(CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        await using var command = Source.CreateCommand(ProfileTables.SelectTotals);
        await using var rows = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var counters = new List<(string, long)>();
        while (await rows.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            counters.Add((rows.GetString(0), rows.GetInt64(1)));
        }

        return Core.Processing.ProcessingTotals.FromNamed(counters);
    }

    /// <inheritdoc />
    public async Task<Profile?> FindProfileAsync(long mpid, CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        await using var command = Source.CreateCommand(ProfileTables.SelectDocument);
        command.Parameters.AddWithValue("mpid", mpid);
        await using var rows = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await rows.ReadAsync(cancellationToken).ConfigureAwait(false) ? ProfileDocuments.Deserialize(rows.GetString(0)) : null;
    }

    /// <inheritdoc />
    public async Task<long?> FindMpidAsync(string identityKey, string value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(identityKey);
        ArgumentNullException.ThrowIfNull(value);
        ThrowIfDisposed();
        await using var command = Source.CreateCommand(ProfileTables.SelectMpid);
        command.Parameters.AddWithValue("key", identityKey);
        command.Parameters.AddWithValue("value", value);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long mpid ? mpid : null;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<MembershipChange>> ReadMembershipChangesAsync(long afterId, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        ThrowIfDisposed();
        await using var command = Source.CreateCommand(ProfileTables.ReadChanges);
        command.Parameters.AddWithValue("after", afterId);
        command.Parameters.AddWithValue("limit", limit);
        await using var rows = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var changes = new List<MembershipChange>();
        while (await rows.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            changes.Add(new MembershipChange(rows.GetInt64(0), rows.GetInt32(1), rows.GetInt64(2), ActionOf(rows.GetString(3)), rows.GetInt64(4)));
        }

        return changes;
    }

    /// <inheritdoc />
    public async Task<long> CountMembersAsync(int audienceId, CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        await using var command = Source.CreateCommand(ProfileTables.CountMembers);
        command.Parameters.AddWithValue("audience", audienceId);
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<long>> MembersAsync(int audienceId, long? afterMpid, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        ThrowIfDisposed();

        // A statement of its own for later pages (rather than "@after IS NULL OR …") keeps the seek on the primary key.
        await using var command = Source.CreateCommand(afterMpid is null ? ProfileTables.FirstMembers : ProfileTables.MembersAfter);
        command.Parameters.AddWithValue("audience", audienceId);
        command.Parameters.AddWithValue("limit", limit);
        if (afterMpid is { } after)
        {
            command.Parameters.AddWithValue("after", after);
        }

        return await MpidsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<long>> ProfileMpidsAsync(long? afterMpid, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        ThrowIfDisposed();
        await using var command = Source.CreateCommand(afterMpid is null ? ProfileTables.FirstProfiles : ProfileTables.ProfilesAfter);
        command.Parameters.AddWithValue("limit", limit);
        if (afterMpid is { } after)
        {
            command.Parameters.AddWithValue("after", after);
        }

        return await MpidsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The <c>action</c> column of the membership log.</summary>
    internal static string ColumnOf(MembershipAction action) => action switch
    {
        MembershipAction.Add => "add",
        MembershipAction.Remove => "remove",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Unknown membership action."),
    };

    private static MembershipAction ActionOf(string column) => column switch
    {
        "add" => MembershipAction.Add,
        "remove" => MembershipAction.Remove,
        _ => throw new InvalidDataException($"Unknown membership action '{column}' in the membership log."),
    };

    private static async Task<IReadOnlyList<long>> MpidsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var rows = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var mpids = new List<long>();
        while (await rows.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            mpids.Add(rows.GetInt64(0));
        }

        return mpids;
    }
}
