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

        Assert.Null(store.FindProfile(2));
        Assert.Null(store.FindMpid(IdentityKeys.CustomerId, "cust-2"));
        Assert.Null(store.FindMpid(IdentityKeys.CustomerId, "changed"));
        Assert.Equal(1, store.FindMpid(IdentityKeys.CustomerId, "kept"));
        Assert.Equal([5], store.FindProfile(1)!.Audiences);
        Assert.Empty(store.ReadMembershipChanges(0, 10));
        Assert.Equal(0, store.CountMembers(1));
        Assert.Equal(1, store.CountMembers(5));
        Assert.Equal(0, store.CountMembers(6));
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

        Assert.Null(store.FindProfile(3));
        Assert.Null(store.FindMpid(IdentityKeys.CustomerId, "c3"));
        Assert.Empty(store.ReadMembershipChanges(0, 10));
        Assert.Equal(0, store.CountMembers(4));
        Assert.Empty(store.Members(4, null, 10));

        await session.CommitAsync(default);

        Assert.NotNull(store.FindProfile(3));
        Assert.Equal(3, store.FindMpid(IdentityKeys.CustomerId, "c3"));
        Assert.Single(store.ReadMembershipChanges(0, 10));
        Assert.Equal(1, store.CountMembers(4));
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

        Assert.Null(store.FindProfile(1));
        Assert.NotNull(store.FindProfile(2));
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

        Assert.Null(store.FindProfile(0));
        Assert.Null(store.FindMpid(IdentityKeys.CustomerId, "c0"));
    }
}
