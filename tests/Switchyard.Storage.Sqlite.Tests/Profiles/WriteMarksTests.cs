using Microsoft.Extensions.Time.Testing;
using Switchyard.Core.Profiles;
using Switchyard.Storage.Compliance;
using Switchyard.Storage.Sqlite.Profiles;
using Switchyard.Storage.Sqlite.Tests.Support;

namespace Switchyard.Storage.Sqlite.Tests.Profiles;

/// <summary>
/// The write marks the SQLite store checks a session's reads with instead of reading the rows again, and the database
/// check it falls back on for a session older than the marks it still holds.
/// </summary>
public sealed class WriteMarksTests : IAsyncLifetime
{
    private readonly TemporaryDataDirectory _data = new("marks");
    private SqliteProfileStore _store = null!;

    public async Task InitializeAsync() =>
        _store = await SqliteProfileStore.OpenAsync(_data.Options, new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero)));

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public void A_mark_counts_as_a_change_only_for_sessions_that_began_before_its_transaction_committed()
    {
        var marks = new WriteMarks();
        marks.Profile(1);
        marks.Link("customer_id", "c1");
        marks.LinksOf(2);
        Assert.True(marks.ProfileChangedSince(1, seen: 0));
        Assert.True(marks.LinkChangedSince("customer_id", "c1", owner: null, seen: 0));
        Assert.True(marks.LinkChangedSince("email", "e2", owner: 2, seen: 0));
        Assert.False(marks.LinkChangedSince("email", "e3", owner: 3, seen: 0));
        Assert.False(marks.ProfileChangedSince(3, seen: 0));

        marks.CommitDone();

        Assert.Equal(1, marks.Committed);
        Assert.False(marks.ProfileChangedSince(1, seen: 1));
        Assert.False(marks.LinkChangedSince("customer_id", "c1", owner: null, seen: 1));
        Assert.False(marks.LinkChangedSince("email", "e2", owner: 2, seen: 1));
        Assert.True(marks.Cover(0));
    }

    [Fact]
    public void Past_its_capacity_the_marks_are_dropped_and_older_sessions_are_no_longer_covered()
    {
        var marks = new WriteMarks { Capacity = 2 };
        marks.Profile(1);
        marks.CommitDone();
        Assert.Equal(0, marks.Horizon);

        marks.Profile(2);
        marks.Profile(3);
        marks.CommitDone();

        Assert.Equal(2, marks.Horizon);
        Assert.False(marks.Cover(1));
        Assert.True(marks.Cover(2));
        Assert.False(marks.ProfileChangedSince(3, seen: 1));
    }

    [Fact]
    public async Task A_session_that_found_an_identity_conflicts_when_another_commit_moves_it_to_someone_else()
    {
        await CommitAsync(s => s.Save(ProfileSamples.Minimal(1, customerId: "c1")));
        using var reading = await _store.BeginSessionAsync(default);
        Assert.Equal(1, await reading.FindMpidAsync(IdentityKeys.CustomerId, "c1", default));
        reading.Save(ProfileSamples.Minimal(3, customerId: "c3"));

        await CommitAsync(s => s.Save(ProfileSamples.Minimal(2, customerId: "c1")));

        await Assert.ThrowsAsync<ProfileWriteConflictException>(() => reading.CommitAsync(default));
        Assert.Null(await _store.FindProfileAsync(3, default));
    }

    [Fact]
    public async Task A_session_that_found_an_identity_commits_when_other_commits_leave_it_alone()
    {
        await CommitAsync(s => s.Save(ProfileSamples.Minimal(1, customerId: "c1")));
        using var reading = await _store.BeginSessionAsync(default);
        Assert.Equal(1, await reading.FindMpidAsync(IdentityKeys.CustomerId, "c1", default));
        reading.Save(ProfileSamples.Minimal(3, customerId: "c3"));

        // The owner saved again with the same identity: its link row is not written, so it is not marked.
        await CommitAsync(s => s.Save(ProfileSamples.Minimal(1, customerId: "c1")));
        await CommitAsync(s => s.Save(ProfileSamples.Minimal(2, customerId: "c2")));

        await reading.CommitAsync(default);
        Assert.NotNull(await _store.FindProfileAsync(3, default));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_session_older_than_the_marks_kept_is_checked_against_the_database_and_still_conflicts(bool marksDropped)
    {
        await CommitAsync(s => s.Save(ProfileSamples.Minimal(1, customerId: "c1")));
        using var reading = await _store.BeginSessionAsync(default);
        var profile = (await reading.LoadAsync(1, default))!;
        profile.LastSeenMs = 111;
        reading.Save(profile);

        if (marksDropped)
        {
            _store.Marks.Capacity = 1;
        }

        await CommitAsync(s => s.Save(ProfileSamples.Minimal(1, customerId: "c1")));
        await CommitAsync(s => s.Save(ProfileSamples.Minimal(2, customerId: "c2")));
        Assert.Equal(!marksDropped, _store.Marks.Cover(1));

        await Assert.ThrowsAsync<ProfileWriteConflictException>(() => reading.CommitAsync(default));
        Assert.NotEqual(111, (await _store.FindProfileAsync(1, default))!.LastSeenMs);
    }

    private async Task CommitAsync(Action<IProfileSession> work)
    {
        using var session = await _store.BeginSessionAsync(default);
        work(session);
        await session.CommitAsync(default);
    }
}
