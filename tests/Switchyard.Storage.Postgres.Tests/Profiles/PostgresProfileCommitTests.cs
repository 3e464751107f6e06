using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Switchyard.Core.Delivery;
using Switchyard.Core.Profiles;
using Switchyard.Storage.Compliance;
using Switchyard.Storage.Postgres.Profiles;
using Switchyard.Storage.Postgres.Tests.Support;

namespace Switchyard.Storage.Postgres.Tests.Profiles;

/// <summary>
/// How PostgreSQL commits behave where the provider has mechanisms of its own: commits on different connections and
/// nodes checking each other through row locks and claims, and a commit failing part-way through its writes.
/// </summary>
public sealed class PostgresProfileCommitTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero));
    private ProfileStoreNodes? _nodes;

    private ProfileStoreNodes Nodes => _nodes ?? throw new InvalidOperationException("Not initialised.");

    private TemporaryDatabase Database => Nodes.Database;

    public async Task InitializeAsync() => _nodes = await ProfileStoreNodes.CreateAsync();

    public async Task DisposeAsync()
    {
        if (_nodes is not null)
        {
            await _nodes.DisposeAsync();
        }
    }

    [Fact]
    public async Task Sessions_of_two_nodes_on_one_database_conflict_over_the_same_profile()
    {
        var first = await OpenAsync();
        var second = await OpenAsync();
        await Commit(first, s => s.Save(ProfileSamples.Minimal(1, customerId: "c1")));
        using var mine = await first.BeginSessionAsync(default);
        using var theirs = await second.BeginSessionAsync(default);
        var a = (await mine.LoadAsync(1, default))!;
        var b = (await theirs.LoadAsync(1, default))!;
        a.LastSeenMs = 1;
        b.LastSeenMs = 2;
        mine.Save(a);
        theirs.Save(b);

        await theirs.CommitAsync(default);
        await Assert.ThrowsAsync<ProfileWriteConflictException>(() => mine.CommitAsync(default));

        Assert.Equal(2, (await first.FindProfileAsync(1, default))!.LastSeenMs);
    }

    [Fact]
    public async Task A_commit_waits_for_an_uncommitted_claim_on_an_identity_it_found_free_and_conflicts_once_that_commits()
    {
        var store = await OpenAsync();
        await using var other = await BeginInsertingAsync("contested", 99);
        using var session = await store.BeginSessionAsync(default);
        Assert.Null(await session.FindMpidAsync(IdentityKeys.CustomerId, "contested", default));
        session.Save(ProfileSamples.Minimal(await session.NewMpidAsync(default), customerId: "contested"));

        var commit = session.CommitAsync(default);
        await WaitUntilACommitWaitsAsync();
        Assert.False(commit.IsCompleted);
        await other.CommitAsync();

        await Assert.ThrowsAsync<ProfileWriteConflictException>(() => commit);
        Assert.Equal(99, await store.FindMpidAsync(IdentityKeys.CustomerId, "contested", default));
    }

    [Fact]
    public async Task A_commit_waiting_on_an_uncommitted_claim_goes_through_when_that_rolls_back()
    {
        var store = await OpenAsync();
        await using var other = await BeginInsertingAsync("contested", 99);
        using var session = await store.BeginSessionAsync(default);
        Assert.Null(await session.FindMpidAsync(IdentityKeys.CustomerId, "contested", default));
        var mpid = await session.NewMpidAsync(default);
        session.Save(ProfileSamples.Minimal(mpid, customerId: "contested"));

        var commit = session.CommitAsync(default);
        await WaitUntilACommitWaitsAsync();
        await other.RollbackAsync();
        await commit;

        Assert.Equal(mpid, await store.FindMpidAsync(IdentityKeys.CustomerId, "contested", default));
    }

    [Fact]
    public async Task A_session_that_found_an_identity_free_and_left_it_free_conflicts_when_another_took_it_meanwhile()
    {
        var store = await OpenAsync();
        await Commit(store, s => s.Save(ProfileSamples.Minimal(1, customerId: "c1")));
        using var looking = await store.BeginSessionAsync(default);
        Assert.Null(await looking.FindMpidAsync(IdentityKeys.Email, "new@example.com", default));
        var profile = (await looking.LoadAsync(1, default))!;
        profile.LastSeenMs = 5;
        looking.Save(profile);

        await Commit(store, s =>
        {
            var taker = ProfileSamples.Minimal(2);
            taker.UserIdentities[IdentityKeys.Email] = "new@example.com";
            s.Save(taker);
        });

        await Assert.ThrowsAsync<ProfileWriteConflictException>(() => looking.CommitAsync(default));
        Assert.Equal(0, (await store.FindProfileAsync(1, default))!.LastSeenMs);
    }

    [Fact]
    public async Task A_commit_that_fails_part_way_through_its_writes_leaves_nothing_and_the_store_carries_on()
    {
        var store = await OpenAsync();
        using (var session = await store.BeginSessionAsync(default))
        {
            session.Save(ProfileSamples.Minimal(5, customerId: "c5", idfv: null, 3));
            session.AppendMembershipChange(new MembershipChange(0, 3, 5, MembershipAction.Add, 10));
            session.ScheduleEvaluation(5, 100);
            session.AddToTotals(new Core.Processing.ProcessingTotals { Batches = 1 });
            session.AdvancePartitions([0], 7);

            // PostgreSQL text cannot hold a NUL character: the outbox insert fails after the profile writes ran.
            session.Enqueue(new OutboxEntry("braze", 5, "{\"bad\":\"\u0000\"}", 10));
            await Assert.ThrowsAsync<PostgresException>(() => session.CommitAsync(default));
        }

        Assert.Null(await store.FindProfileAsync(5, default));
        Assert.Null(await store.FindMpidAsync(IdentityKeys.CustomerId, "c5", default));
        Assert.Equal(0, await store.CountMembersAsync(3, default));
        Assert.Empty(await store.ReadMembershipChangesAsync(0, 10, default));
        Assert.Equal(Core.Processing.ProcessingTotals.Zero, await store.ReadTotalsAsync(default));
        Assert.Equal(0, (await store.ReadPartitionCursorsAsync(default))[0]);
        Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM outbox"));
        Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM evaluation_due"));

        await Commit(store, s => s.Save(ProfileSamples.Minimal(5, customerId: "c5")));
        Assert.Equal(5, await store.FindMpidAsync(IdentityKeys.CustomerId, "c5", default));
    }

    [Fact]
    public async Task Claims_on_absent_keys_never_outlive_their_commit()
    {
        var store = await OpenAsync();
        await Commit(store, async s =>
        {
            Assert.Null(await s.LoadAsync(404, default));
            Assert.Null(await s.FindMpidAsync(IdentityKeys.CustomerId, "nobody", default));
            s.Save(ProfileSamples.Minimal(await s.NewMpidAsync(default), customerId: "somebody"));
        });

        Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM profiles WHERE version = 0"));
        Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM identities WHERE mpid = 0"));
        Assert.Equal(1L, await ScalarAsync("SELECT count(*) FROM profiles"));
        Assert.Equal(1L, await ScalarAsync("SELECT count(*) FROM identities"));
    }

    [Fact]
    public async Task Processing_commits_skip_the_wal_flush_and_sessions_that_require_a_durable_commit_keep_it()
    {
        var store = await OpenAsync();

        await Commit(store, s => s.Save(ProfileSamples.Minimal(1)));
        Assert.Equal("off", store.LastCommitSynchronousCommit);

        await Commit(store, s =>
        {
            s.RequireDurableCommit();
            s.Save(ProfileSamples.Minimal(2));
        });
        Assert.Equal("on", store.LastCommitSynchronousCommit);
    }

    [Fact]
    public async Task Outbox_rows_carry_their_users_partition_and_the_inbox_sequence_their_payload_names()
    {
        var store = await OpenAsync();
        await Commit(store, s =>
        {
            s.Enqueue(new OutboxEntry("braze", 42, OutboxPayloads.Batch(17), 1));
            s.Enqueue(new OutboxEntry("braze", 43, "{\"sync\":true}", 1));
        });

        Assert.Equal(
            (long)Core.Partitions.UserPartitions.Of("mpid:42", store.PartitionCount),
            await ScalarAsync("SELECT partition::bigint FROM outbox WHERE mpid = 42"));
        Assert.Equal(17L, await ScalarAsync("SELECT inbox_seq FROM outbox WHERE mpid = 42"));
        Assert.Equal(1L, await ScalarAsync("SELECT count(*) FROM outbox WHERE mpid = 43 AND inbox_seq IS NULL"));
    }

    [Theory]
    [InlineData("{\"seq\":5}", 5L)]
    [InlineData("{\"a\":{\"seq\":9},\"seq\":6}", 6L)]
    [InlineData("{\"sync\":true}", null)]
    [InlineData("{\"seq\":\"5\"}", null)]
    [InlineData("[{\"seq\":5}]", null)]
    [InlineData("not json \"seq\"", null)]
    public void The_inbox_sequence_of_a_payload_is_its_top_level_integer_seq(string payload, long? expected) =>
        Assert.Equal(expected, OutboxEntries.InboxSequenceOf(payload));

    private Task<PostgresProfileStore> OpenAsync() => Nodes.OpenAsync(_time);

    /// <summary>A transaction on a connection of its own that has inserted a customer id link and not yet finished.</summary>
    private async Task<NpgsqlTransaction> BeginInsertingAsync(string customerId, long mpid)
    {
        var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using var insert = new NpgsqlCommand("INSERT INTO identities (key, value, mpid) VALUES (@key, @value, @mpid)", connection, transaction);
        insert.Parameters.AddWithValue("key", IdentityKeys.CustomerId);
        insert.Parameters.AddWithValue("value", customerId);
        insert.Parameters.AddWithValue("mpid", mpid);
        await insert.ExecuteNonQueryAsync();
        return transaction;
    }

    private Task WaitUntilACommitWaitsAsync() => Eventually.HoldsAsync(
        async () => await ScalarAsync("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'") > 0,
        TimeSpan.FromSeconds(10),
        "the session's commit waits for the other transaction's lock");

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task Commit(IProfileStore store, Action<IProfileSession> work)
    {
        using var session = await store.BeginSessionAsync(default);
        work(session);
        await session.CommitAsync(default);
    }

    private static async Task Commit(IProfileStore store, Func<IProfileSession, Task> work)
    {
        using var session = await store.BeginSessionAsync(default);
        await work(session);
        await session.CommitAsync(default);
    }
}
