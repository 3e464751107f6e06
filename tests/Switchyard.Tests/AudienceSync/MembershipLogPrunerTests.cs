using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Switchyard.AudienceSync;
using Switchyard.Core.Profiles;
using Switchyard.Core.Workspace;
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
        var first = _store.ReadMembershipChanges(0, 10)[0].Id;
        _store.AdvanceMembershipTail("ahead", first + 1, []);
        _store.AdvanceMembershipTail("behind", first, []);
        _time.Advance(MembershipLogPruner.Retention + TimeSpan.FromHours(1));
        await Append(103);

        var pruned = Pruner("ahead", "behind").PruneOnce();

        // "behind" has not passed the second entry: it stays although it is old; the recent third stays too.
        Assert.Equal(1, pruned);
        Assert.Equal([102L, 103L], _store.ReadMembershipChanges(0, 10).Select(c => c.Mpid));
        Assert.Equal(1, Pruner("ahead").PruneOnce());
        Assert.Equal([103L], _store.ReadMembershipChanges(0, 10).Select(c => c.Mpid));
    }

    [Fact]
    public async Task The_pruner_runs_on_its_hourly_timer()
    {
        await Append(101);
        var pruner = Pruner();
        await pruner.StartAsync(default);

        // The worker starts its timer on its own thread: move the clock a day at a time (a tick each) until it has pruned.
        for (var attempt = 0; attempt < 100 && _store.ReadMembershipChanges(0, 10).Count > 0; attempt++)
        {
            _time.Advance(TimeSpan.FromDays(1));
            await Task.Delay(20);
        }

        await pruner.StopAsync(default);
        Assert.Empty(_store.ReadMembershipChanges(0, 10));
        Assert.True(_time.GetUtcNow() - new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero) >= MembershipLogPruner.Retention);
    }

    private MembershipLogPruner Pruner(params string[] outputIds)
    {
        var workspace = new Workspace([])
        {
            Outputs = [.. outputIds.Select(id => new OutputDefinition(id, OutputTypes.BrazeAudience, """{"restApiKey":"rest-key"}"""))],
        };
        return new MembershipLogPruner(_store, AudienceOutputs.From(workspace), _time, NullLogger<MembershipLogPruner>.Instance);
    }

    private async Task Append(long mpid)
    {
        using var session = await _store.BeginSessionAsync(default);
        session.AppendMembershipChange(new MembershipChange(0, 1, mpid, MembershipAction.Add, _time.GetUtcNow().ToUnixTimeMilliseconds()));
        await session.CommitAsync(default);
    }
}
