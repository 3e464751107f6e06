using Microsoft.Extensions.Time.Testing;
using Switchyard.Core.Profiles;

namespace Switchyard.Storage.Compliance;

/// <summary>
/// The behaviour every profile store provider must show. A provider's test class inherits this and says how to open
/// its store; the same tests then run against SQLite, PostgreSQL and any later provider. Split by concern into
/// partial files (identities, sessions, memberships).
/// </summary>
public abstract partial class ProfileStoreComplianceTests : IAsyncLifetime
{
    private readonly List<IProfileStore> _opened = [];

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero));

    /// <summary>Opens the provider's store. Called again after a dispose, it must see the same data.</summary>
    protected abstract Task<IProfileStore> OpenStoreAsync();

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        foreach (var store in _opened)
        {
            await store.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_saved_profile_comes_back_with_every_collection_intact_inside_and_outside_the_session()
    {
        var store = await OpenAsync();
        var profile = ProfileSamples.FullyPopulated(42);
        var expected = ProfileSamples.Describe(profile);

        using (var session = await store.BeginSessionAsync(default))
        {
            session.Save(profile);
            Assert.Equal(expected, ProfileSamples.Describe((await session.LoadAsync(42, default))));
            await session.CommitAsync(default);
        }

        Assert.Equal(expected, ProfileSamples.Describe(await store.FindProfileAsync(42, CancellationToken.None)));
    }

    [Fact]
    public async Task A_loaded_profile_is_a_copy_that_changes_the_store_only_when_saved()
    {
        var store = await OpenAsync();
        await Commit(store, s => s.Save(ProfileSamples.FullyPopulated(7)));

        using var session = await store.BeginSessionAsync(default);
        var loaded = (await session.LoadAsync(7, default))!;
        loaded.Attributes["score"].Text = "99";
        loaded.Events[EventKeys.Custom("Played")].Recent.Clear();
        loaded.Audiences.Add(99);

        var again = (await session.LoadAsync(7, default))!;
        Assert.Equal("12.50", again.Attributes["score"].Text);
        Assert.Equal(2, again.Events[EventKeys.Custom("Played")].Recent.Count);
        Assert.DoesNotContain(99, again.Audiences);
        Assert.NotSame(await store.FindProfileAsync(7, CancellationToken.None), await store.FindProfileAsync(7, CancellationToken.None));
    }

    [Fact]
    public async Task A_profile_that_was_never_saved_is_not_found()
    {
        var store = await OpenAsync();

        using var session = await store.BeginSessionAsync(default);
        Assert.Null((await session.LoadAsync(123, default)));
        Assert.Null(await store.FindProfileAsync(123, CancellationToken.None));
    }

    [Fact]
    public async Task Saving_a_profile_again_replaces_the_stored_document()
    {
        var store = await OpenAsync();
        await Commit(store, s => s.Save(ProfileSamples.FullyPopulated(5)));

        var changed = ProfileSamples.FullyPopulated(5);
        changed.Attributes.Remove("score");
        changed.LastSeenMs = 9_999;
        await Commit(store, s => s.Save(changed));

        Assert.Equal(ProfileSamples.Describe(changed), ProfileSamples.Describe(await store.FindProfileAsync(5, CancellationToken.None)));
    }

    [Fact]
    public async Task Deleting_a_profile_removes_it_with_its_identity_links_and_memberships()
    {
        var store = await OpenAsync();
        await Commit(store, s => s.Save(ProfileSamples.FullyPopulated(11)));

        await Commit(store, async s =>
        {
            s.Delete(11);
            Assert.Null((await s.LoadAsync(11, default)));
            Assert.Null((await s.FindMpidAsync(IdentityKeys.CustomerId, "cust-11", default)));
        });

        Assert.Null(await store.FindProfileAsync(11, CancellationToken.None));
        Assert.Null(await store.FindMpidAsync(IdentityKeys.CustomerId, "cust-11", CancellationToken.None));
        Assert.Null(await store.FindMpidAsync(IdentityKeys.Device("ios_idfv"), "idfv-11", CancellationToken.None));
        Assert.Equal(0, await store.CountMembersAsync(1, CancellationToken.None));
        Assert.Empty(await store.MembersAsync(2, null, 10, CancellationToken.None));
    }

    [Fact]
    public async Task New_mpids_are_non_zero_and_never_repeat_nor_collide_with_saved_profiles()
    {
        var store = await OpenAsync();
        var seen = new HashSet<long>();
        for (var round = 0; round < 3; round++)
        {
            await Commit(store, async s =>
            {
                for (var i = 0; i < 2_000; i++)
                {
                    var mpid = (await s.NewMpidAsync(default));
                    Assert.NotEqual(0, mpid);
                    Assert.True(seen.Add(mpid), $"MPID {mpid} was handed out twice.");
                    Assert.Null((await s.LoadAsync(mpid, default)));
                    if (i % 100 == 0)
                    {
                        s.Save(ProfileSamples.Minimal(mpid));
                    }
                }
            });
        }

        Assert.Contains(seen, mpid => mpid < 0);
        Assert.Contains(seen, mpid => mpid > 0);
    }

    [Fact]
    public async Task Everything_committed_is_there_after_the_store_is_closed_and_opened_again()
    {
        var store = await OpenAsync();
        await Commit(store, s =>
        {
            s.Save(ProfileSamples.FullyPopulated(21));
            s.AppendMembershipChange(new MembershipChange(0, 1, 21, MembershipAction.Add, 500));
            s.SetCheckpoint(77);
        });

        var reopened = await ReopenAsync(store);

        Assert.Equal(ProfileSamples.Describe(ProfileSamples.FullyPopulated(21)), ProfileSamples.Describe(await reopened.FindProfileAsync(21, CancellationToken.None)));
        Assert.Equal(21, await reopened.FindMpidAsync(IdentityKeys.Email, "u21@example.com", CancellationToken.None));
        Assert.Equal([21L], await reopened.MembersAsync(3, null, 10, CancellationToken.None));
        Assert.Single(await reopened.ReadMembershipChangesAsync(0, 10, CancellationToken.None));
        using var session = await reopened.BeginSessionAsync(default);
        Assert.Equal(77, session.Checkpoint);
    }

    [Fact]
    public async Task Processing_totals_and_the_checkpoint_commit_with_the_session_and_survive_a_reopen()
    {
        var store = await OpenAsync();
        Assert.Equal(Core.Processing.ProcessingTotals.Zero, await store.ReadTotalsAsync(CancellationToken.None));
        Assert.Equal(0, await store.ReadCheckpointAsync(CancellationToken.None));
        await Commit(store, s =>
        {
            s.AddToTotals(new Core.Processing.ProcessingTotals { Batches = 3, Events = 7, ProfilesCreated = 2 });
            s.AddToTotals(new Core.Processing.ProcessingTotals { Batches = 1, Failed = 1 });
            s.SetCheckpoint(40);
        });
        using (var abandoned = await store.BeginSessionAsync(default))
        {
            abandoned.AddToTotals(new Core.Processing.ProcessingTotals { Batches = 100 });
            abandoned.SetCheckpoint(99);
        }

        var reopened = await ReopenAsync(store);

        Assert.Equal(new Core.Processing.ProcessingTotals { Batches = 4, Events = 7, ProfilesCreated = 2, Failed = 1 }, await reopened.ReadTotalsAsync(CancellationToken.None));
        Assert.Equal(40, await reopened.ReadCheckpointAsync(CancellationToken.None));
    }

    protected async Task<IProfileStore> OpenAsync()
    {
        var store = await OpenStoreAsync();
        _opened.Add(store);
        return store;
    }

    /// <summary>Closes the store and opens it again on the same data.</summary>
    protected async Task<IProfileStore> ReopenAsync(IProfileStore store)
    {
        await store.DisposeAsync();
        _opened.Remove(store);
        return await OpenAsync();
    }

    /// <summary>Runs the work in a session and commits it.</summary>
    protected static async Task Commit(IProfileStore store, Action<IProfileSession> work)
    {
        using var session = await store.BeginSessionAsync(default);
        work(session);
        await session.CommitAsync(default);
    }

    /// <summary>Runs the work (which reads through the session) in a session and commits it.</summary>
    protected static async Task Commit(IProfileStore store, Func<IProfileSession, Task> work)
    {
        using var session = await store.BeginSessionAsync(default);
        await work(session);
        await session.CommitAsync(default);
    }
}
