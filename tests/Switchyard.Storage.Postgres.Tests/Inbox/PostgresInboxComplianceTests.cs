using Switchyard.Core.Storage;
using Switchyard.Storage.Compliance;
using Switchyard.Storage.Postgres.Inbox;
using Switchyard.Storage.Postgres.Tests.Support;

namespace Switchyard.Storage.Postgres.Tests.Inbox;

/// <summary>
/// The inbox compliance suite on PostgreSQL. Segments of one sequence each make segment pruning exact to the batch,
/// which the suite's pruning tests ask for; larger segments have tests of their own.
/// </summary>
public sealed class PostgresInboxComplianceTests : InboxComplianceTests
{
    private TemporaryDatabase _database = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _database = await TemporaryDatabase.CreateAsync();
    }

    protected override async Task<IInboxStore> OpenStoreAsync(TimeSpan dedupeRetention) =>
        await PostgresInboxStore.OpenAsync(
            _database.Options with { DedupeRetention = dedupeRetention, Inbox = new PostgresInboxOptions { SegmentSize = 1 } },
            Time);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _database.DisposeAsync();
    }
}
