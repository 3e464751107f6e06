using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Switchyard.AudienceSync;
using Switchyard.Core.Delivery.AudienceSync;
using Switchyard.Core.Profiles;
using Switchyard.Storage.Sqlite;
using Switchyard.Storage.Sqlite.Profiles;

namespace Switchyard.Tests.AudienceSync;

public sealed class MembershipLogPrunerTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "switchyard-log-pruner-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));
    private SqliteProfileStore _store = null!;

    public async Task InitializeAsync() => _store = await SqliteProfileStore.OpenAsync(new SqliteStorageOptions { DataDirectory = _directory }, _time);

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Old_entries_are_forgotten_only_once_every_audience_output_has_passed_them()
    {
        await Append(101);
        await Append(102);
        var first = (await _store.ReadMembershipChangesAsync(0, 10, CancellationToken.None))[0].Id;
        await _store.AdvanceMembershipTailAsync("ahead", first + 1, [], CancellationToken.None);
        await _store.AdvanceMembershipTailAsync("behind", first, [], CancellationToken.None);
        _time.Advance(MembershipLogRetention.Retention + TimeSpan.FromHours(1));
        await Append(103);

        var pruned = await Pruner("ahead", "behind").PruneOnceAsync(CancellationToken.None);

        // "behind" has not passed the second entry: it stays although it is old; the recent third stays too.
        Assert.Equal(1, pruned);
        Assert.Equal([102L, 103L], (await _store.ReadMembershipChangesAsync(0, 10, CancellationToken.None)).Select(c => c.Mpid));
        Assert.Equal(1, await Pruner("ahead").PruneOnceAsync(CancellationToken.None));
        Assert.Equal([103L], (await _store.ReadMembershipChangesAsync(0, 10, CancellationToken.None)).Select(c => c.Mpid));
    }

    [Fact]
    public async Task The_pruner_runs_on_its_hourly_timer()
    {
        await Append(101);
        var pruner = new MembershipLogPruner(Pruner());
        await pruner.StartAsync(default);

        // The worker starts its timer on its own thread: move the clock a day at a time (a tick each) until it has pruned.
        for (var attempt = 0; attempt < 100 && (await _store.ReadMembershipChangesAsync(0, 10, CancellationToken.None)).Count > 0; attempt++)
        {
            _time.Advance(TimeSpan.FromDays(1));
            await Task.Delay(20);
        }

        await pruner.StopAsync(default);
        Assert.Empty(await _store.ReadMembershipChangesAsync(0, 10, CancellationToken.None));
        Assert.True(_time.GetUtcNow() - new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero) >= MembershipLogRetention.Retention);
    }

    private MembershipLogRetention Pruner(params string[] outputIds) =>
        new(outputIds, _store, _time, NullLogger<MembershipLogRetention>.Instance);

    private async Task Append(long mpid)
    {
        using var session = await _store.BeginSessionAsync(default);
        session.AppendMembershipChange(new MembershipChange(0, 1, mpid, MembershipAction.Add, _time.GetUtcNow().ToUnixTimeMilliseconds()));
        await session.CommitAsync(default);
    }
}
