using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Switchyard.Core.Privacy;
using Switchyard.Core.Profiles;
using Switchyard.Storage.Compliance;
using Switchyard.Storage.Sqlite.Profiles;
using Switchyard.Storage.Sqlite.Tests.Support;

namespace Switchyard.Storage.Sqlite.Tests.Profiles;

/// <summary>
/// The profiles the SQLite store keeps in memory after saving them: what sessions read from them, and that a write,
/// a deletion, an erasure or a conflict never leaves a session reading anything but the profile as last committed.
/// </summary>
public sealed class RecentProfilesTests : IAsyncLifetime
{
    private static readonly byte[] Document = [1, 2, 3];
    private readonly TemporaryDataDirectory _data = new("recent");
    private SqliteProfileStore _store = null!;

    public async Task InitializeAsync() => _store = await OpenAsync(_data.Options);

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public void A_kept_profile_is_found_with_its_links_and_forgetting_it_forgets_them_but_not_a_link_another_profile_took()
    {
        var recent = new RecentProfiles(1024 * 1024);
        recent.Keep(1, Document, 4, [("customer_id", "c1"), ("email", "e1")]);
        recent.Keep(2, Document, 1, [("email", "e1")]);

        Assert.True(recent.TryProfile(1, out var document, out var version));
        Assert.Equal(Document, document);
        Assert.Equal(4, version);
        Assert.True(recent.TryLink("customer_id", "c1", out var owner));
        Assert.Equal(1, owner);
        Assert.True(recent.TryLink("email", "e1", out owner));
        Assert.Equal(2, owner);

        recent.ForgetProfile(1);

        Assert.False(recent.TryProfile(1, out _, out _));
        Assert.False(recent.TryLink("customer_id", "c1", out _));
        Assert.True(recent.TryLink("email", "e1", out owner));
        Assert.Equal(2, owner);

        recent.ForgetLink("email", "e1");
        Assert.False(recent.TryLink("email", "e1", out _));
        Assert.True(recent.TryProfile(2, out _, out _));
    }

    [Fact]
    public void Keeping_a_profile_again_replaces_its_links_and_over_budget_the_least_recently_saved_go_first()
    {
        // Room for two of these entries, not three.
        var recent = new RecentProfiles(2 * (160 + 1_000 + 96 + (2 * ("customer_id".Length + 2))) + 100);
        var document = new byte[1_000];
        recent.Keep(1, document, 1, [("customer_id", "c1")]);
        recent.Keep(2, document, 1, [("customer_id", "c2")]);
        recent.Keep(1, document, 2, [("customer_id", "d1")]);

        Assert.False(recent.TryLink("customer_id", "c1", out _));
        Assert.True(recent.TryLink("customer_id", "d1", out _));

        recent.Keep(3, document, 1, [("customer_id", "c3")]);

        Assert.Equal(2, recent.Count);
        Assert.False(recent.TryProfile(2, out _, out _));
        Assert.False(recent.TryLink("customer_id", "c2", out _));
        Assert.True(recent.TryProfile(1, out _, out var version));
        Assert.Equal(2, version);
        Assert.True(recent.TryProfile(3, out _, out _));
    }

    [Fact]
    public void An_absence_is_kept_only_when_no_profile_was_kept_since_the_read_began_and_never_over_a_kept_profile()
    {
        var recent = new RecentProfiles(1024 * 1024);
        var before = recent.Generation;
        recent.KeepAbsent(1, before);
        Assert.True(recent.TryProfile(1, out var document, out var version));
        Assert.Null(document);
        Assert.Equal(-1, version);

        // Profile 2 was saved and kept while the read that missed it ran, then dropped again.
        var generation = recent.Generation;
        recent.Keep(2, Document, 1, []);
        recent.ForgetProfile(2);
        recent.KeepAbsent(2, generation);
        Assert.False(recent.TryProfile(2, out _, out _));

        recent.Keep(3, Document, 1, []);
        recent.KeepAbsent(3, recent.Generation);
        Assert.True(recent.TryProfile(3, out document, out _));
        Assert.Equal(Document, document);

        // A save keeps the profile in place of its absence.
        recent.Keep(1, Document, 1, []);
        Assert.True(recent.TryProfile(1, out document, out _));
        Assert.Equal(Document, document);
    }

    [Fact]
    public async Task An_mpid_the_store_lacks_is_kept_as_absent_until_a_commit_saves_it_and_a_session_that_read_it_absent_then_conflicts()
    {
        using (var first = await _store.BeginSessionAsync(default))
        {
            Assert.Null(await first.LoadAsync(42, default));
        }

        Assert.True(_store.Recent.TryProfile(42, out var document, out _));
        Assert.Null(document);

        using var late = await _store.BeginSessionAsync(default);
        Assert.Null(await late.LoadAsync(42, default));
        late.Save(WithLastSeen(ProfileSamples.Minimal(42, customerId: "late"), 100));

        await CommitAsync(s => s.Save(WithLastSeen(ProfileSamples.Minimal(42, customerId: "c42"), 200)));

        await Assert.ThrowsAsync<ProfileWriteConflictException>(() => late.CommitAsync(default));
        using var session = await _store.BeginSessionAsync(default);
        Assert.Equal(200, (await session.LoadAsync(42, default))!.LastSeenMs);
        Assert.Equal(42, await session.FindMpidAsync(IdentityKeys.CustomerId, "c42", default));
    }

    [Fact]
    public void Clearing_forgets_everything_and_refuses_an_absence_whose_read_began_before()
    {
        var recent = new RecentProfiles(1024 * 1024);
        recent.Keep(1, Document, 1, [("customer_id", "c1")]);
        var generation = recent.Generation;

        recent.Clear();
        recent.KeepAbsent(2, generation);

        Assert.Equal(0, recent.Count);
        Assert.False(recent.TryLink("customer_id", "c1", out _));
        recent.KeepAbsent(2, recent.Generation);
        Assert.Equal(1, recent.Count);
    }

    [Theory]
    [InlineData(WriteMarks.DefaultCapacity)]
    [InlineData(1)]
    public async Task Sessions_on_many_threads_that_find_load_and_save_the_same_users_lose_no_update(int marksCapacity)
    {
        const int Users = 4;
        const int Workers = 8;
        const int Rounds = 25;
        _store.Marks.Capacity = marksCapacity;
        await CommitAsync(s =>
        {
            for (var user = 1; user <= Users; user++)
            {
                s.Save(ProfileSamples.Minimal(user, customerId: "c" + user));
            }
        });

        await Task.WhenAll(Enumerable.Range(0, Workers).Select(worker => Task.Run(async () =>
        {
            for (var round = 0; round < Rounds; round++)
            {
                var user = ((worker + round) % Users) + 1;

                // Run again after each conflict, past the usual bound: eight threads on four users conflict often.
                for (var (committed, attempt) = (false, 1); !committed; attempt++)
                {
                    Assert.True(attempt <= 1_000, "a session kept conflicting");
                    using var session = await _store.BeginSessionAsync(default);
                    var mpid = await session.FindMpidAsync(IdentityKeys.CustomerId, "c" + user, default) ?? throw new InvalidOperationException("user not found");
                    Assert.Null(await session.LoadAsync(9_000 + user, default));
                    var profile = (await session.LoadAsync(mpid, default))!;
                    profile.LastSeenMs++;
                    profile.UserIdentities[IdentityKeys.Email] = "shared@example.com";
                    session.Save(profile);
                    try
                    {
                        await session.CommitAsync(default);
                        committed = true;
                    }
                    catch (ProfileWriteConflictException)
                    {
                    }
                }
            }
        })));

        long total = 0;
        using var check = await _store.BeginSessionAsync(default);
        for (var user = 1; user <= Users; user++)
        {
            var stored = (await _store.FindProfileAsync(user, default))!;
            total += stored.LastSeenMs;
            Assert.Equal(user, await check.FindMpidAsync(IdentityKeys.CustomerId, "c" + user, default));
            Assert.Equal(stored.LastSeenMs, (await check.LoadAsync(user, default))!.LastSeenMs);
        }

        Assert.Equal(Workers * Rounds, total);
        Assert.InRange((await check.FindMpidAsync(IdentityKeys.Email, "shared@example.com", default))!.Value, 1, Users);
    }

    [Fact]
    public async Task A_session_reads_a_kept_profile_and_identity_from_memory_not_from_the_database()
    {
        await CommitAsync(s => s.Save(ProfileSamples.Minimal(1, customerId: "c1")));
        Assert.True(_store.Recent.TryProfile(1, out _, out var version));
        Assert.Equal(1, version);

        // Changed behind the store's back: a session still reads what the store committed.
        await using (var other = new SqliteConnection(SqliteConnections.ForDatabase(Path.Combine(_data.Path, "profiles.db"))))
        {
            await other.OpenAsync();
            await using var command = other.CreateCommand();
            command.CommandText = "UPDATE profiles SET doc = json_set(doc, '$.last_seen_ms', 999); UPDATE identities SET mpid = 5;";
            await command.ExecuteNonQueryAsync();
        }

        using var session = await _store.BeginSessionAsync(default);
        Assert.Equal(1, await session.FindMpidAsync(IdentityKeys.CustomerId, "c1", default));
        Assert.NotEqual(999, (await session.LoadAsync(1, default))!.LastSeenMs);
    }

    [Fact]
    public async Task A_profile_saved_again_is_read_as_the_last_commit_left_it_and_a_conflicting_session_leaves_nothing_kept()
    {
        await CommitAsync(s => s.Save(ProfileSamples.Minimal(1, customerId: "c1")));
        using var late = await _store.BeginSessionAsync(default);
        var stale = (await late.LoadAsync(1, default))!;

        await CommitAsync(s => s.Save(WithLastSeen(ProfileSamples.Minimal(1, customerId: "c1"), 200)));
        stale.LastSeenMs = 100;
        late.Save(stale);
        await Assert.ThrowsAsync<ProfileWriteConflictException>(() => late.CommitAsync(default));

        Assert.True(_store.Recent.TryProfile(1, out _, out var version));
        Assert.Equal(2, version);
        using var session = await _store.BeginSessionAsync(default);
        Assert.Equal(200, (await session.LoadAsync(1, default))!.LastSeenMs);
        Assert.Equal(200, (await _store.FindProfileAsync(1, default))!.LastSeenMs);
    }

    [Fact]
    public async Task An_identity_moved_to_another_profile_is_found_there_and_a_deleted_profile_is_found_nowhere()
    {
        await CommitAsync(s => s.Save(ProfileSamples.Minimal(1, customerId: "c1")));
        await CommitAsync(s =>
        {
            s.Delete(1);
            s.Save(ProfileSamples.Minimal(2, customerId: "c1"));
        });

        Assert.False(_store.Recent.TryProfile(1, out _, out _));
        using var session = await _store.BeginSessionAsync(default);
        Assert.Equal(2, await session.FindMpidAsync(IdentityKeys.CustomerId, "c1", default));
        Assert.Null(await session.LoadAsync(1, default));
    }

    [Fact]
    public async Task An_erasure_forgets_what_it_erased()
    {
        await CommitAsync(s =>
        {
            s.Save(ProfileSamples.Minimal(7, customerId: "erase-me"));
            s.Save(ProfileSamples.Minimal(8, customerId: "c8"));
        });
        var subject = new DsrSubject();
        subject.Add(IdentityKeys.CustomerId, "erase-me");

        Assert.Equal([7L], await ((ISubjectDataStore)_store).EraseAsync(subject, default));

        Assert.False(_store.Recent.TryProfile(7, out _, out _));
        Assert.False(_store.Recent.TryLink(IdentityKeys.CustomerId, "erase-me", out _));
        Assert.True(_store.Recent.TryProfile(8, out _, out _));
        using var session = await _store.BeginSessionAsync(default);
        Assert.Null(await session.FindMpidAsync(IdentityKeys.CustomerId, "erase-me", default));
        Assert.Null(await session.LoadAsync(7, default));
    }

    [Fact]
    public async Task With_no_memory_for_them_no_profiles_are_kept_and_sessions_read_the_database()
    {
        await _store.DisposeAsync();
        _store = await OpenAsync(_data.Options with { RecentProfilesMegabytes = 0 });

        await CommitAsync(s => s.Save(ProfileSamples.Minimal(1, customerId: "c1")));

        Assert.Equal(0, _store.Recent.Count);
        using var session = await _store.BeginSessionAsync(default);
        Assert.Equal(1, await session.FindMpidAsync(IdentityKeys.CustomerId, "c1", default));
        Assert.NotNull(await session.LoadAsync(1, default));
    }

    [Fact]
    public async Task A_negative_memory_setting_is_refused_at_open()
    {
        using var data = new TemporaryDataDirectory("recent-negative");
        var refused = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => OpenAsync(data.Options with { RecentProfilesMegabytes = -1 }));
        Assert.Equal("options", refused.ParamName);
    }

    private static Task<SqliteProfileStore> OpenAsync(SqliteStorageOptions options) =>
        SqliteProfileStore.OpenAsync(options, new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero)));

    private static Profile WithLastSeen(Profile profile, long lastSeenMs)
    {
        profile.LastSeenMs = lastSeenMs;
        return profile;
    }

    private async Task CommitAsync(Action<IProfileSession> work)
    {
        using var session = await _store.BeginSessionAsync(default);
        work(session);
        await session.CommitAsync(default);
    }
}
