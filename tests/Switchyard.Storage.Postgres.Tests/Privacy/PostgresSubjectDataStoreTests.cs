using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Switchyard.Core.Privacy;
using Switchyard.Core.Profiles;
using Switchyard.Storage.Compliance;
using Switchyard.Storage.Postgres.Profiles;
using Switchyard.Storage.Postgres.Tests.Support;

namespace Switchyard.Storage.Postgres.Tests.Privacy;

/// <summary>
/// An erasure meeting a processing commit in flight, played by a connection of the test's own that holds the rows a
/// commit would hold: the erasure waits for it and erases what it wrote, or, cancelled while waiting, erases nothing.
/// </summary>
public sealed class PostgresSubjectDataStoreTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero));
    private TemporaryDatabase _database = null!;
    private PostgresProfileStore _store = null!;

    public async Task InitializeAsync()
    {
        _database = await TemporaryDatabase.CreateAsync();
        _store = await PostgresProfileStore.OpenAsync(_database.Options, _time);
        using var session = await _store.BeginSessionAsync(default);
        session.Save(ProfileSamples.Minimal(7, customerId: "c-7"));
        session.Save(ProfileSamples.Minimal(8, customerId: "c-8"));
        await session.CommitAsync(default);
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task An_erasure_waits_for_a_commit_holding_the_subjects_profile_and_erases_what_it_wrote()
    {
        await using var holder = await HoldAsync(
            ("SELECT mpid FROM profiles WHERE mpid = @mpid FOR UPDATE", 7L),
            ("INSERT INTO outbox (partition, output_id, mpid, payload, next_attempt_at_ms, created_at_ms) VALUES (0, 'braze', @mpid, '{}', 0, 0)", 7L),
            ("INSERT INTO identities (key, value, mpid) VALUES ('email', 'late@example.com', @mpid)", 7L));

        var erasing = ((ISubjectDataStore)_store).EraseAsync(Mpid(7), default);
        await WaitForLockWaiterAsync();
        Assert.False(erasing.IsCompleted);
        await holder.Transaction.CommitAsync();

        Assert.Equal([7L], await erasing);
        Assert.Equal(0, await _store.CountQueuedAsync("braze", default));
        Assert.Null(await _store.FindMpidAsync(IdentityKeys.Email, "late@example.com", default));
        Assert.Null(await _store.FindProfileAsync(7, default));
        Assert.NotNull(await _store.FindProfileAsync(8, default));
    }

    [Fact]
    public async Task An_erasure_waits_for_a_commit_giving_the_subjects_identity_to_a_new_profile_and_erases_that_profile()
    {
        await using var holder = await HoldAsync(
            ("INSERT INTO profiles (mpid, version, doc) VALUES (@mpid, nextval('profile_versions'), '{}')", 99L),
            ("INSERT INTO identities (key, value, mpid) VALUES ('customer_id', 'c-new', @mpid)", 99L));
        var subject = new DsrSubject();
        subject.Add(IdentityKeys.CustomerId, "c-new");

        var erasing = ((ISubjectDataStore)_store).EraseAsync(subject, default);
        await WaitForLockWaiterAsync();
        await holder.Transaction.CommitAsync();

        Assert.Equal([99L], await erasing);
        Assert.Null(await _store.FindMpidAsync(IdentityKeys.CustomerId, "c-new", default));
        Assert.Null(await _store.FindProfileAsync(99, default));
        await using var count = _store.Source.CreateCommand("SELECT count(*) FROM identities WHERE mpid = 0");
        Assert.Equal(0L, await count.ExecuteScalarAsync());
    }

    [Fact]
    public async Task An_erasure_cancelled_while_it_waits_for_a_commit_erases_nothing()
    {
        await using var holder = await HoldAsync(("SELECT mpid FROM profiles WHERE mpid = @mpid FOR UPDATE", 7L));
        using var cancellation = new CancellationTokenSource();
        var subject = Mpid(7);
        subject.Add(IdentityKeys.CustomerId, "c-8");

        var erasing = ((ISubjectDataStore)_store).EraseAsync(subject, cancellation.Token);
        await WaitForLockWaiterAsync();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => erasing);
        await holder.Transaction.RollbackAsync();
        Assert.NotNull(await _store.FindProfileAsync(7, default));
        Assert.Equal(7, await _store.FindMpidAsync(IdentityKeys.CustomerId, "c-7", default));
        Assert.Equal(8, await _store.FindMpidAsync(IdentityKeys.CustomerId, "c-8", default));
    }

    private static DsrSubject Mpid(long mpid)
    {
        var subject = new DsrSubject();
        subject.AddMpid(mpid);
        return subject;
    }

    /// <summary>Runs the statements in a transaction left open, as a commit between its locks and its COMMIT.</summary>
    private async Task<Holder> HoldAsync(params (string Sql, long Mpid)[] statements)
    {
        var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        foreach (var (sql, mpid) in statements)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.AddWithValue("mpid", mpid);
            await command.ExecuteNonQueryAsync();
        }

        return new Holder(connection, transaction);
    }

    private Task WaitForLockWaiterAsync() => Eventually.HoldsAsync(
        async () =>
        {
            await using var command = _store.Source.CreateCommand(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'");
            return (long)(await command.ExecuteScalarAsync())! >= 1;
        },
        TimeSpan.FromSeconds(10),
        "the erasure waits for the held rows");

    private sealed record Holder(NpgsqlConnection Connection, NpgsqlTransaction Transaction) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Transaction.DisposeAsync();
            await Connection.DisposeAsync();
        }
    }
}
