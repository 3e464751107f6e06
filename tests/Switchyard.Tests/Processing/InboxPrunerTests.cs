using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Switchyard.Core.Delivery;
using Switchyard.Core.Partitions;
using Switchyard.Core.Storage;
using Switchyard.Core.Workspace;
using Switchyard.Processing;
using Switchyard.Storage.Sqlite;
using Switchyard.Storage.Sqlite.Inbox;
using Switchyard.Storage.Sqlite.Profiles;

namespace Switchyard.Tests.Processing;

/// <summary>The inbox is pruned only below what the processor and the outboxes still need, and only past the retention.</summary>
public sealed class InboxPrunerTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "switchyard-inbox-pruner-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));
    private SqliteInboxStore _inbox = null!;
    private SqliteProfileStore _profiles = null!;

    public async Task InitializeAsync()
    {
        var options = new SqliteStorageOptions { DataDirectory = _directory };
        _inbox = await SqliteInboxStore.OpenAsync(options, _time);
        _profiles = await SqliteProfileStore.OpenAsync(options, _time);
    }

    public async Task DisposeAsync()
    {
        await _inbox.DisposeAsync();
        await _profiles.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Old_batches_are_kept_while_unprocessed_or_queued_and_pruned_once_nothing_needs_them()
    {
        var sequences = new List<long>();
        for (var i = 0; i < 4; i++)
        {
            var appended = await _inbox.AppendAsync([new InboxRecord("app", null, Encoding.UTF8.GetBytes("{}"))], default);
            sequences.Add(appended.Sequences[0]!.Value);
        }

        var pruner = new InboxPruner(_inbox, _profiles, new Workspace([]) { InboxRetention = TimeSpan.FromDays(7) }, _time, NullLogger<InboxPruner>.Instance, NodePartitions.All);
        _time.Advance(TimeSpan.FromDays(8));

        // Nothing processed yet: every batch is still needed, however old.
        Assert.Equal(0, await pruner.PruneOnceAsync(default));

        // The first three processed; the second still queued for an output.
        using (var session = await _profiles.BeginSessionAsync(default))
        {
            session.Enqueue(new OutboxEntry("braze", 1, $$"""{"seq":{{sequences[1]}}}""", 0));
            session.SetCheckpoint(sequences[2]);
            await session.CommitAsync(default);
        }

        Assert.Equal(1, await pruner.PruneOnceAsync(default));
        Assert.Equal(sequences.Skip(1), (await _inbox.ReadAsync(0, 10, default)).Select(b => b.Sequence));

        // Delivered: the rest up to the checkpoint goes; the unprocessed fourth stays.
        IDeliveryStore delivery = _profiles;
        await delivery.AcknowledgeAsync([(await delivery.ClaimDueAsync("braze", long.MaxValue, 1, default))[0].Id], default);
        Assert.Equal(2, await pruner.PruneOnceAsync(default));
        Assert.Equal([sequences[3]], (await _inbox.ReadAsync(0, 10, default)).Select(b => b.Sequence));
    }

    [Fact]
    public async Task Batches_within_the_retention_are_kept_even_when_nothing_needs_them()
    {
        var appended = await _inbox.AppendAsync([new InboxRecord("app", null, Encoding.UTF8.GetBytes("{}"))], default);
        using (var session = await _profiles.BeginSessionAsync(default))
        {
            session.SetCheckpoint(appended.Sequences[0]!.Value);
            await session.CommitAsync(default);
        }

        var pruner = new InboxPruner(_inbox, _profiles, new Workspace([]) { InboxRetention = TimeSpan.FromDays(7) }, _time, NullLogger<InboxPruner>.Instance, NodePartitions.All);
        _time.Advance(TimeSpan.FromDays(6));
        Assert.Equal(0, await pruner.PruneOnceAsync(default));
        _time.Advance(TimeSpan.FromDays(1.5));
        Assert.Equal(1, await pruner.PruneOnceAsync(default));
    }

    [Theory]
    [InlineData(7 * 24 * 3600, 3600)]
    [InlineData(2, 0.5)]
    [InlineData(0.1, 0.1)]
    public void A_round_runs_every_quarter_of_the_retention_between_100_ms_and_an_hour(double retentionSeconds, double intervalSeconds) =>
        Assert.Equal(TimeSpan.FromSeconds(intervalSeconds), InboxPruner.IntervalFor(TimeSpan.FromSeconds(retentionSeconds)));
}
