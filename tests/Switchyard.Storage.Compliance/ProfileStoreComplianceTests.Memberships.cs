using Switchyard.Core.Profiles;

namespace Switchyard.Storage.Compliance;

public abstract partial class ProfileStoreComplianceTests
{
    [Fact]
    public async Task Membership_changes_are_read_back_in_append_order_with_increasing_ids_and_pages()
    {
        var store = await OpenAsync();
        await Commit(store, s =>
        {
            s.AppendMembershipChange(new MembershipChange(0, 1, 100, MembershipAction.Add, 10));
            s.AppendMembershipChange(new MembershipChange(0, 2, 100, MembershipAction.Add, 11));
            s.AppendMembershipChange(new MembershipChange(0, 1, 100, MembershipAction.Remove, 12));
        });
        await Commit(store, s =>
        {
            s.AppendMembershipChange(new MembershipChange(0, 3, -200, MembershipAction.Add, 13));
            s.AppendMembershipChange(new MembershipChange(0, 3, -200, MembershipAction.Remove, 14));
        });

        var all = await store.ReadMembershipChangesAsync(0, 100, CancellationToken.None);
        Assert.Equal([10L, 11, 12, 13, 14], all.Select(c => c.AtMs));
        Assert.Equal(
            [(1, 100L, MembershipAction.Add), (2, 100L, MembershipAction.Add), (1, 100L, MembershipAction.Remove), (3, -200L, MembershipAction.Add), (3, -200L, MembershipAction.Remove)],
            all.Select(c => (c.AudienceId, c.Mpid, c.Action)));
        Assert.All(all.Zip(all.Skip(1)), pair => Assert.True(pair.Second.Id > pair.First.Id));
        Assert.True(all[0].Id > 0);

        var first = await store.ReadMembershipChangesAsync(0, 2, CancellationToken.None);
        var second = await store.ReadMembershipChangesAsync(first[^1].Id, 2, CancellationToken.None);
        var third = await store.ReadMembershipChangesAsync(second[^1].Id, 2, CancellationToken.None);
        Assert.Equal(all, [.. first, .. second, .. third]);
        Assert.Empty(await store.ReadMembershipChangesAsync(all[^1].Id, 10, CancellationToken.None));
    }

    [Fact]
    public async Task Membership_change_ids_keep_growing_after_a_reopen()
    {
        var store = await OpenAsync();
        await Commit(store, s => s.AppendMembershipChange(new MembershipChange(0, 1, 1, MembershipAction.Add, 1)));
        var before = (await store.ReadMembershipChangesAsync(0, 10, CancellationToken.None))[^1].Id;

        var reopened = await ReopenAsync(store);
        await Commit(reopened, s => s.AppendMembershipChange(new MembershipChange(0, 1, 1, MembershipAction.Remove, 2)));

        Assert.True((await reopened.ReadMembershipChangesAsync(0, 10, CancellationToken.None))[^1].Id > before);
    }

    [Fact]
    public async Task Member_counts_and_lists_follow_the_audiences_of_saved_profiles()
    {
        var store = await OpenAsync();
        await Commit(store, s =>
        {
            s.Save(ProfileSamples.Minimal(30, null, null, 1, 2));
            s.Save(ProfileSamples.Minimal(-10, null, null, 1));
            s.Save(ProfileSamples.Minimal(20, null, null, 2, 3));
            s.Save(ProfileSamples.Minimal(40));
        });

        Assert.Equal(2, await store.CountMembersAsync(1, CancellationToken.None));
        Assert.Equal(2, await store.CountMembersAsync(2, CancellationToken.None));
        Assert.Equal(1, await store.CountMembersAsync(3, CancellationToken.None));
        Assert.Equal(0, await store.CountMembersAsync(4, CancellationToken.None));
        Assert.Equal([-10L, 30], await store.MembersAsync(1, null, 10, CancellationToken.None));
        Assert.Equal([20L, 30], await store.MembersAsync(2, null, 10, CancellationToken.None));

        await Commit(store, async s =>
        {
            Assert.Equal([-10L, 20, 30], (await s.MembersOfAnyAsync([1, 3], default)));
            Assert.Equal([20L], (await s.MembersOfAnyAsync([3, 4], default)));
            Assert.Empty((await s.MembersOfAnyAsync([], default)));

            var profile = (await s.LoadAsync(30, default))!;
            profile.Audiences.Remove(1);
            profile.Audiences.Add(3);
            s.Save(profile);
            Assert.Equal([20L, 30], (await s.MembersOfAnyAsync([3], default)));
        });

        Assert.Equal([-10L], await store.MembersAsync(1, null, 10, CancellationToken.None));
        Assert.Equal([20L, 30], await store.MembersAsync(3, null, 10, CancellationToken.None));
        Assert.Equal(2, await store.CountMembersAsync(2, CancellationToken.None));
    }

    [Fact]
    public async Task Members_are_paged_in_mpid_order()
    {
        var store = await OpenAsync();
        long[] mpids = [50, -5, 7, long.MinValue, long.MaxValue, 1, -300];
        await Commit(store, s =>
        {
            foreach (var mpid in mpids)
            {
                s.Save(ProfileSamples.Minimal(mpid, null, null, 9));
            }
        });

        var pages = new List<long>();
        long? after = null;
        while (await store.MembersAsync(9, after, 3, CancellationToken.None) is { Count: > 0 } page)
        {
            Assert.InRange(page.Count, 1, 3);
            pages.AddRange(page);
            after = page[^1];
        }

        Assert.Equal(mpids.Order(), pages);
        Assert.Equal(mpids.Length, await store.CountMembersAsync(9, CancellationToken.None));
    }

    [Fact]
    public async Task Every_profile_is_listed_once_in_mpid_order_page_by_page()
    {
        var store = await OpenAsync();
        long[] mpids = [50, -5, 7, long.MinValue, long.MaxValue, 1, -300];
        await Commit(store, s =>
        {
            foreach (var mpid in mpids)
            {
                s.Save(ProfileSamples.Minimal(mpid, null, null, 9));
            }

            s.Delete(7);
        });

        var listed = new List<long>();
        long? after = null;
        while (await store.ProfileMpidsAsync(after, 2, CancellationToken.None) is { Count: > 0 } page)
        {
            listed.AddRange(page);
            after = page[^1];
        }

        Assert.Equal(mpids.Where(m => m != 7).Order(), listed);
    }

    [Fact]
    public async Task The_expiry_index_returns_profiles_due_by_now_earliest_first_and_forgets_cleared_and_deleted_ones()
    {
        var store = await OpenAsync();
        using (var session = await store.BeginSessionAsync(default))
        {
            session.ScheduleEvaluation(1, 300);
            session.ScheduleEvaluation(2, 100);
            session.ScheduleEvaluation(3, 200);
            session.ScheduleEvaluation(4, 900);
            session.ScheduleEvaluation(3, 250);
            await session.CommitAsync(default);
        }

        using (var session = await store.BeginSessionAsync(default))
        {
            Assert.Equal([2L, 3L], (await session.DueForEvaluationAsync(250, 10, default)));
            Assert.Equal([2L], (await session.DueForEvaluationAsync(1000, 1, default)));
            session.ScheduleEvaluation(2, null);
            session.Delete(1);
            await session.CommitAsync(default);
        }

        using (var session = await store.BeginSessionAsync(default))
        {
            Assert.Equal([3L, 4L], (await session.DueForEvaluationAsync(1000, 10, default)));
        }
    }

    [Fact]
    public async Task An_uncommitted_schedule_is_not_kept()
    {
        var store = await OpenAsync();
        using (var session = await store.BeginSessionAsync(default))
        {
            session.ScheduleEvaluation(7, 100);
        }

        using var next = await store.BeginSessionAsync(default);
        Assert.Empty((await next.DueForEvaluationAsync(1000, 10, default)));
    }
}
