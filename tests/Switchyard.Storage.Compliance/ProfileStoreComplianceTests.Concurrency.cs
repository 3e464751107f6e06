using Switchyard.Core.Delivery;
using Switchyard.Core.Profiles;

namespace Switchyard.Storage.Compliance;

/// <summary>
/// Sessions side by side (partition workers, the Identity API, sweeps): commits are serialisable, so a session that
/// read something another session changed before it committed writes nothing and says so, and running it again
/// succeeds; sessions that touch different users never hold each other up.
/// </summary>
public abstract partial class ProfileStoreComplianceTests
{
    [Fact]
    public async Task Of_two_sessions_that_change_the_same_profile_the_second_to_commit_conflicts_and_writes_nothing()
    {
        var store = await OpenAsync();
        await Commit(store, s => s.Save(ProfileSamples.Minimal(1, customerId: "c1")));
        using var first = await store.BeginSessionAsync(default);
        using var second = await store.BeginSessionAsync(default);
        var mine = (await first.LoadAsync(1, default))!;
        var theirs = (await second.LoadAsync(1, default))!;
        mine.LastSeenMs = 111;
        theirs.LastSeenMs = 222;
        first.Save(mine);
        second.Save(theirs);
        second.AppendMembershipChange(new MembershipChange(0, 1, 1, MembershipAction.Add, 5));
        second.Enqueue(new OutboxEntry("braze", 1, "{\"seq\":1}", 5));
        second.SetCheckpoint(9);

        await first.CommitAsync(default);
        await Assert.ThrowsAsync<ProfileWriteConflictException>(() => second.CommitAsync(default));

        Assert.Equal(111, (await store.FindProfileAsync(1, default))!.LastSeenMs);
        Assert.Empty((await store.ReadMembershipChangesAsync(0, 10, default)));
        Assert.Equal(0, (await store.ReadCheckpointAsync(default)));
    }

    [Fact]
    public async Task Two_sessions_that_both_found_an_identity_free_cannot_both_claim_it()
    {
        var store = await OpenAsync();
        using var first = await store.BeginSessionAsync(default);
        using var second = await store.BeginSessionAsync(default);
        Assert.Null(await first.FindMpidAsync(IdentityKeys.CustomerId, "shared", default));
        Assert.Null(await second.FindMpidAsync(IdentityKeys.CustomerId, "shared", default));
        first.Save(ProfileSamples.Minimal(await first.NewMpidAsync(default), customerId: "shared"));
        second.Save(ProfileSamples.Minimal(await second.NewMpidAsync(default), customerId: "shared"));

        await first.CommitAsync(default);
        await Assert.ThrowsAsync<ProfileWriteConflictException>(() => second.CommitAsync(default));

        // Run again, the second finds the first's profile.
        using var again = await store.BeginSessionAsync(default);
        Assert.Equal((await store.FindMpidAsync(IdentityKeys.CustomerId, "shared", default)), await again.FindMpidAsync(IdentityKeys.CustomerId, "shared", default));
    }

    [Fact]
    public async Task Sessions_on_different_users_both_commit()
    {
        var store = await OpenAsync();
        await Commit(store, s =>
        {
            s.Save(ProfileSamples.Minimal(1, customerId: "c1"));
            s.Save(ProfileSamples.Minimal(2, customerId: "c2"));
        });
        using var first = await store.BeginSessionAsync(default);
        using var second = await store.BeginSessionAsync(default);
        var one = (await first.LoadAsync(1, default))!;
        var two = (await second.LoadAsync(2, default))!;
        one.LastSeenMs = 10;
        two.LastSeenMs = 20;
        first.Save(one);
        second.Save(two);

        await Task.WhenAll(first.CommitAsync(default), second.CommitAsync(default));

        Assert.Equal((10L, 20L), ((await store.FindProfileAsync(1, default))!.LastSeenMs, (await store.FindProfileAsync(2, default))!.LastSeenMs));
    }

    [Fact]
    public async Task No_update_is_lost_when_many_sessions_change_one_profile_at_once()
    {
        var store = await OpenAsync();
        await Commit(store, s => s.Save(ProfileSamples.Minimal(7, customerId: "c7")));

        await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => ProfileSessions.RunAsync(store, async session =>
        {
            var profile = (await session.LoadAsync(7, default))!;
            profile.LastSeenMs++;
            session.Save(profile);
            return 0;
        }, default))));

        Assert.Equal(16, (await store.FindProfileAsync(7, default))!.LastSeenMs);
    }

    [Fact]
    public async Task Partition_cursors_move_only_forward_and_only_for_the_partitions_named()
    {
        var store = await OpenAsync();
        Assert.True(store.PartitionCount >= 2);
        await Commit(store, s => s.AdvancePartitions([0], 50));
        await Commit(store, s => s.AdvancePartitions([0, 1], 20));

        var cursors = await store.ReadPartitionCursorsAsync(default);

        Assert.Equal(store.PartitionCount, cursors.Count);
        Assert.Equal((50L, 20L), (cursors[0], cursors[1]));
        Assert.Equal(0, (await store.ReadCheckpointAsync(default)));

        await Commit(store, s => s.SetCheckpoint(30));
        Assert.Equal(30, (await store.ReadCheckpointAsync(default)));
        Assert.All(await store.ReadPartitionCursorsAsync(default), c => Assert.Equal(30, c));
    }
}
