using Switchyard.Core.Profiles;

namespace Switchyard.Storage.Compliance;

public abstract partial class ProfileStoreComplianceTests
{
    [Fact]
    public async Task A_session_disposed_without_commit_leaves_nothing_behind()
    {
        var store = await OpenAsync();
        await Commit(store, s =>
        {
            s.Save(ProfileSamples.Minimal(1, customerId: "kept", idfv: null, 5));
            s.SetCheckpoint(10);
        });

        using (var session = await store.BeginSessionAsync(default))
        {
            session.Save(ProfileSamples.FullyPopulated(2));
            session.Save(ProfileSamples.Minimal(1, customerId: "changed", idfv: null, 6));
            session.AppendMembershipChange(new MembershipChange(0, 1, 2, MembershipAction.Add, 100));
            session.SetCheckpoint(20);
            Assert.Equal(20, session.Checkpoint);
        }

        Assert.Null(await store.FindProfileAsync(2, CancellationToken.None));
        Assert.Null(await store.FindMpidAsync(IdentityKeys.CustomerId, "cust-2", CancellationToken.None));
        Assert.Null(await store.FindMpidAsync(IdentityKeys.CustomerId, "changed", CancellationToken.None));
        Assert.Equal(1, await store.FindMpidAsync(IdentityKeys.CustomerId, "kept", CancellationToken.None));
        Assert.Equal([5], (await store.FindProfileAsync(1, CancellationToken.None))!.Audiences);
        Assert.Empty(await store.ReadMembershipChangesAsync(0, 10, CancellationToken.None));
        Assert.Equal(0, await store.CountMembersAsync(1, CancellationToken.None));
        Assert.Equal(1, await store.CountMembersAsync(5, CancellationToken.None));
        Assert.Equal(0, await store.CountMembersAsync(6, CancellationToken.None));
        using var next = await store.BeginSessionAsync(default);
        Assert.Equal(10, next.Checkpoint);
    }

    [Fact]
    public async Task Reads_outside_a_session_see_its_writes_only_once_it_commits()
    {
        var store = await OpenAsync();
        using var session = await store.BeginSessionAsync(default);
        session.Save(ProfileSamples.Minimal(3, customerId: "c3", idfv: null, 4));
        session.AppendMembershipChange(new MembershipChange(0, 4, 3, MembershipAction.Add, 100));

        Assert.Null(await store.FindProfileAsync(3, CancellationToken.None));
        Assert.Null(await store.FindMpidAsync(IdentityKeys.CustomerId, "c3", CancellationToken.None));
        Assert.Empty(await store.ReadMembershipChangesAsync(0, 10, CancellationToken.None));
        Assert.Equal(0, await store.CountMembersAsync(4, CancellationToken.None));
        Assert.Empty(await store.MembersAsync(4, null, 10, CancellationToken.None));

        await session.CommitAsync(default);

        Assert.NotNull(await store.FindProfileAsync(3, CancellationToken.None));
        Assert.Equal(3, await store.FindMpidAsync(IdentityKeys.CustomerId, "c3", CancellationToken.None));
        Assert.Single(await store.ReadMembershipChangesAsync(0, 10, CancellationToken.None));
        Assert.Equal(1, await store.CountMembersAsync(4, CancellationToken.None));
    }

    [Fact]
    public async Task The_checkpoint_starts_at_zero_and_keeps_the_last_committed_value_across_a_reopen()
    {
        var store = await OpenAsync();
        using (var first = await store.BeginSessionAsync(default))
        {
            Assert.Equal(0, first.Checkpoint);
            first.SetCheckpoint(5);
            first.SetCheckpoint(9);
            await first.CommitAsync(default);
        }

        var reopened = await ReopenAsync(store);

        using var session = await reopened.BeginSessionAsync(default);
        Assert.Equal(9, session.Checkpoint);
    }

    [Fact]
    public async Task A_committed_session_refuses_further_writes()
    {
        var store = await OpenAsync();
        using var session = await store.BeginSessionAsync(default);
        await session.CommitAsync(default);

        Assert.Throws<InvalidOperationException>(() => session.Save(ProfileSamples.Minimal(1)));
        await Assert.ThrowsAsync<InvalidOperationException>(() => session.CommitAsync(default));
    }

    [Fact]
    public async Task A_new_session_can_begin_once_the_previous_one_is_disposed()
    {
        var store = await OpenAsync();
        using (var rolledBack = await store.BeginSessionAsync(default))
        {
            rolledBack.Save(ProfileSamples.Minimal(1));
        }

        await Commit(store, s => s.Save(ProfileSamples.Minimal(2)));

        Assert.Null(await store.FindProfileAsync(1, CancellationToken.None));
        Assert.NotNull(await store.FindProfileAsync(2, CancellationToken.None));
    }

    [Fact]
    public async Task A_profile_without_an_mpid_or_with_an_identity_without_a_value_is_refused_and_changes_nothing()
    {
        var store = await OpenAsync();
        var noValue = ProfileSamples.Minimal(4, customerId: "c4");
        noValue.DeviceIdentities["ios_idfv"] = null!;

        await Commit(store, async s =>
        {
            Assert.Throws<ArgumentException>(() => s.Save(ProfileSamples.Minimal(0, customerId: "c0")));
            Assert.Throws<ArgumentException>(() => s.Save(noValue));
            Assert.Null((await s.LoadAsync(4, default)));
            Assert.Null((await s.FindMpidAsync(IdentityKeys.CustomerId, "c4", default)));
        });

        Assert.Null(await store.FindProfileAsync(0, CancellationToken.None));
        Assert.Null(await store.FindMpidAsync(IdentityKeys.CustomerId, "c0", CancellationToken.None));
    }
}
