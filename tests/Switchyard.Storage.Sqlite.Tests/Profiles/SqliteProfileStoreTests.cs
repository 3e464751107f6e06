using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Switchyard.Core.Profiles;
using Switchyard.Core.Storage;
using Switchyard.Storage.Compliance;
using Switchyard.Storage.Sqlite.Inbox;
using Switchyard.Storage.Sqlite.Profiles;
using Switchyard.Storage.Sqlite.Tests.Support;

namespace Switchyard.Storage.Sqlite.Tests.Profiles;

/// <summary>SQLite-specific behaviour: file ownership, the one-session-at-a-time rule, and the stored form.</summary>
public sealed class SqliteProfileStoreTests : IAsyncLifetime
{
    private readonly TemporaryDataDirectory _data = new("profiles");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero));
    private SqliteProfileStore _store = null!;

    public async Task InitializeAsync() => _store = await OpenAsync();

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task A_second_store_on_the_same_directory_is_refused_while_the_first_is_open()
    {
        var error = await Assert.ThrowsAsync<IOException>(OpenAsync);

        Assert.Contains("in use by another Switchyard process", error.Message, StringComparison.Ordinal);
        Assert.Contains("profiles.lock", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_session_does_not_wait_for_an_open_one_and_sees_only_what_was_committed()
    {
        var first = await _store.BeginSessionAsync(default);
        first.Save(ProfileSamples.Minimal(1, customerId: "c1"));

        using (var second = await _store.BeginSessionAsync(default).AsTask().WaitAsync(TimeSpan.FromSeconds(5)))
        {
            Assert.Null(await second.FindMpidAsync(IdentityKeys.CustomerId, "c1", default));
        }

        await first.CommitAsync(default);
        first.Dispose();
        using var third = await _store.BeginSessionAsync(default);
        Assert.Equal(1, await third.FindMpidAsync(IdentityKeys.CustomerId, "c1", default));
    }

    [Fact]
    public async Task Processing_commits_skip_the_disk_sync_and_a_session_that_answers_a_client_waits_for_it()
    {
        using (var processing = await _store.BeginSessionAsync(default))
        {
            processing.Save(ProfileSamples.Minimal(1, customerId: "c1"));
            await processing.CommitAsync(default);
        }

        Assert.False(_store.LastCommitSynchronousFull);

        using (var answered = await _store.BeginSessionAsync(default))
        {
            answered.RequireDurableCommit();
            answered.Save(ProfileSamples.Minimal(2, customerId: "c2"));
            await answered.CommitAsync(default);
        }

        Assert.True(_store.LastCommitSynchronousFull);
        Assert.NotNull(await _store.FindProfileAsync(1, default));
    }

    [Fact]
    public async Task Commits_leave_the_log_to_the_background_checkpointer_which_copies_it_into_the_database()
    {
        var before = _store.Checkpointer.Rounds;
        using (var session = await _store.BeginSessionAsync(default))
        {
            for (var mpid = 1; mpid <= 300; mpid++)
            {
                session.Save(ProfileSamples.Minimal(mpid, customerId: "c" + mpid));
            }

            await session.CommitAsync(default);
        }

        // The checkpointer runs every quarter of a second.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (_store.Checkpointer.Rounds == before && waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(20);
        }

        Assert.True(_store.Checkpointer.Rounds > before, "the background checkpointer never found the commit's pages");
        Assert.True(_store.Checkpointer.LastLogPages > 0);

        // Everything in the log is in the database file now: a checkpoint from outside finds nothing left to copy.
        await using var outside = new SqliteConnection($"Data Source={Path.Combine(_data.Path, "profiles.db")}");
        await outside.OpenAsync();
        await using var checkpoint = outside.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
        await using var result = await checkpoint.ExecuteReaderAsync();
        Assert.True(await result.ReadAsync());
        Assert.Equal(result.GetInt64(1), result.GetInt64(2));
    }

    [Fact]
    public async Task A_session_still_open_when_the_store_closes_cannot_commit_and_leaves_nothing_behind()
    {
        var session = await _store.BeginSessionAsync(default);
        session.Save(ProfileSamples.Minimal(5));
        await _store.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        await Assert.ThrowsAsync<ObjectDisposedException>(() => session.CommitAsync(default));
        session.Dispose();

        _store = await OpenAsync();
        Assert.Null(await _store.FindProfileAsync(5, CancellationToken.None));
    }

    [Fact]
    public async Task Reads_outside_a_session_are_not_blocked_by_an_open_session()
    {
        using var session = await _store.BeginSessionAsync(default);
        session.Save(ProfileSamples.Minimal(9, customerId: "c9", idfv: null, 1));

        var read = Task.Run(async () => (await _store.FindProfileAsync(9, CancellationToken.None), await _store.CountMembersAsync(1, CancellationToken.None)));

        Assert.Equal((null, 0L), await read.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task A_data_directory_whose_ledger_has_no_acknowledgement_times_opens_and_its_entries_read_as_stale()
    {
        await _store.DisposeAsync();
        var path = System.IO.Path.Combine(_data.Path, "profiles.db");
        File.Delete(path);
        await using (var old = new SqliteConnection($"Data Source={path};Pooling=false"))
        {
            await old.OpenAsync();
            await using var create = old.CreateCommand();
            // last_sent as shipped before acknowledgement times were kept.
            create.CommandText = """
                CREATE TABLE last_sent (
                    output_id TEXT NOT NULL, mpid INTEGER NOT NULL, field TEXT NOT NULL, value TEXT NOT NULL,
                    PRIMARY KEY (output_id, mpid, field)) WITHOUT ROWID;
                INSERT INTO last_sent VALUES ('braze', 1, 'plan', '"pro"');
                """;
            await create.ExecuteNonQueryAsync();
        }

        _store = await OpenAsync();
        var before = (await _store.LastSentAsync("braze", [1L], freshSinceMs: 0, default))[1];
        Assert.Equal("\"pro\"", before.Fields["plan"]);
        Assert.Equal(["plan"], before.Stale);

        await _store.RecordLedgersAsync("braze", new Dictionary<long, IReadOnlyDictionary<string, string?>>
        {
            [1] = new Dictionary<string, string?> { ["plan"] = "\"pro\"" },
        }, [], 10, default);
        Assert.Empty((await _store.LastSentAsync("braze", [1L], freshSinceMs: 10, default))[1].Stale);

        // Opening again finds the column and leaves it as it is.
        await _store.DisposeAsync();
        _store = await OpenAsync();
        Assert.Empty((await _store.LastSentAsync("braze", [1L], freshSinceMs: 10, default))[1].Stale);
    }

    [Fact]
    public async Task Profiles_are_stored_as_readable_json_text_with_snake_case_names_and_enum_names()
    {
        var profile = ProfileSamples.FullyPopulated(77);
        using (var session = await _store.BeginSessionAsync(default))
        {
            session.Save(profile);
            await session.CommitAsync(default);
        }

        await using var connection = new SqliteConnection($"Data Source={_store.DatabasePath};Pooling=false");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT json_extract(doc, '$.mpid'), json_extract(doc, '$.first_seen_ms'), json_extract(doc, '$.attributes.tags.kind'), typeof(doc)
            FROM profiles WHERE mpid = 77;
            """;
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal((77L, 1_000L, "StringList", "text"), (reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3)));
    }

    [Fact]
    public async Task Memberships_have_no_index_by_mpid_and_deleting_a_user_still_removes_its_rows_in_every_audience_and_no_one_elses()
    {
        await using (var old = new SqliteConnection($"Data Source={_store.DatabasePath};Pooling=false"))
        {
            // A file made before the index was dropped: opening it again drops it.
            await old.OpenAsync();
            await using var create = old.CreateCommand();
            create.CommandText = "CREATE INDEX memberships_by_mpid ON memberships (mpid, audience_id);";
            await create.ExecuteNonQueryAsync();
        }

        await _store.DisposeAsync();
        _store = await OpenAsync();
        using (var session = await _store.BeginSessionAsync(default))
        {
            session.Save(ProfileSamples.Minimal(1, null, null, 3, 7, 9));
            session.Save(ProfileSamples.Minimal(2, null, null, 3, 9));
            await session.CommitAsync(default);
        }

        using (var session = await _store.BeginSessionAsync(default))
        {
            session.Delete(1);
            await session.CommitAsync(default);
        }

        await using var connection = new SqliteConnection($"Data Source={_store.DatabasePath};Pooling=false");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT (SELECT count(*) FROM sqlite_master WHERE name = 'memberships_by_mpid'),
                   (SELECT group_concat(audience_id || ':' || mpid, ',') FROM (SELECT * FROM memberships ORDER BY audience_id, mpid));
            """;
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal((0L, "3:2,9:2"), (reader.GetInt64(0), reader.GetString(1)));
    }

    [Fact]
    public async Task A_new_mpid_is_never_zero_nor_the_id_of_a_stored_deleted_or_already_issued_profile()
    {
        using (var setup = await _store.BeginSessionAsync(default))
        {
            setup.Save(ProfileSamples.Minimal(10));
            setup.Save(ProfileSamples.Minimal(20));
            setup.Delete(20);
            await setup.CommitAsync(default);
        }

        var candidates = new Queue<long>([0, 10, 20, 30, 30, 10, 20, 40]);
        _store.MpidSource = candidates.Dequeue;
        using var session = await _store.BeginSessionAsync(default);

        Assert.Equal(30, (await session.NewMpidAsync(default)));
        Assert.Equal(40, (await session.NewMpidAsync(default)));
        Assert.Empty(candidates);
    }

    [Fact]
    public async Task The_profile_store_shares_a_data_directory_with_the_inbox()
    {
        await using var inbox = await SqliteInboxStore.OpenAsync(_data.Options, _time);
        using (var session = await _store.BeginSessionAsync(default))
        {
            session.Save(ProfileSamples.Minimal(3));
            await session.CommitAsync(default);
        }

        await inbox.AppendAsync([new InboxRecord("f", null, "{}"u8.ToArray())], default);
        Assert.NotNull(await _store.FindProfileAsync(3, CancellationToken.None));
        Assert.Equal(1, await inbox.CountAsync(default));
        Assert.NotEqual(inbox.DatabasePath, _store.DatabasePath);
    }

    [Fact]
    public async Task A_new_profile_database_has_small_pages_and_the_inbox_keeps_its_large_ones()
    {
        await using var inbox = await SqliteInboxStore.OpenAsync(_data.Options, _time);

        Assert.Equal(4096, PageSize(_store.DatabasePath));
        Assert.Equal(16384, PageSize(inbox.DatabasePath));
    }

    [Fact]
    public async Task An_existing_profile_database_keeps_the_page_size_it_was_created_with()
    {
        await _store.DisposeAsync();
        var path = Path.Combine(_data.Path, "profiles.db");
        File.Delete(path);
        using (var connection = new SqliteConnection($"Data Source={path}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA page_size=16384; PRAGMA journal_mode=WAL; CREATE TABLE before_upgrade (x);";
            command.ExecuteNonQuery();
        }

        SqliteConnection.ClearAllPools();
        _store = await OpenAsync();
        using (var session = await _store.BeginSessionAsync(default))
        {
            session.Save(ProfileSamples.Minimal(5, customerId: "c5"));
            await session.CommitAsync(default);
        }

        Assert.Equal(16384, PageSize(_store.DatabasePath));
        Assert.NotNull(await _store.FindProfileAsync(5, CancellationToken.None));
    }

    private static long PageSize(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA page_size;";
        return (long)command.ExecuteScalar()!;
    }

    [Fact]
    public async Task Calls_after_dispose_fail_loudly()
    {
        await _store.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => _store.BeginSessionAsync(default).AsTask());
        await Assert.ThrowsAsync<ObjectDisposedException>(() => _store.FindProfileAsync(1, CancellationToken.None));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => _store.MembersAsync(1, null, 10, CancellationToken.None));
        _store = await OpenAsync();
    }

    private Task<SqliteProfileStore> OpenAsync() =>
        SqliteProfileStore.OpenAsync(_data.Options, _time);
}
