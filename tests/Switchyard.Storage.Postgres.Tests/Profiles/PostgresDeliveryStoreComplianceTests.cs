using Switchyard.Core.Profiles;
using Switchyard.Storage.Compliance;
using Switchyard.Storage.Postgres.Profiles;
using Switchyard.Storage.Postgres.Tests.Support;

namespace Switchyard.Storage.Postgres.Tests.Profiles;

/// <summary>
/// The delivery store compliance suite on PostgreSQL. Log partitions of one millisecond each make pruning exact to the
/// row; PostgresLogPartitionTests covers pruning with production-like spans.
/// </summary>
public sealed class PostgresDeliveryStoreComplianceTests : DeliveryStoreComplianceTests
{
    private static readonly TimeSpan OneMillisecond = TimeSpan.FromMilliseconds(1);

    private TemporaryDatabase? _database;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _database = await TemporaryDatabase.CreateAsync();
    }

    protected override async Task<IProfileStore> OpenStoreAsync() =>
        await PostgresProfileStore.OpenAsync(
            _database!.Options with { LogPartitions = new LogPartitionOptions { DeliveredEventsSpan = OneMillisecond, MembershipLogSpan = OneMillisecond } },
            Time);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
