using Switchyard.Core.Partitions;
using Switchyard.Storage.Compliance;
using Switchyard.Storage.Postgres.Partitions;
using Switchyard.Storage.Postgres.Tests.Support;

namespace Switchyard.Storage.Postgres.Tests.Partitions;

public sealed class PostgresPartitionOwnershipComplianceTests : PartitionOwnershipComplianceTests
{
    private TemporaryDatabase _database = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _database = await TemporaryDatabase.CreateAsync();
    }

    protected override async Task<IPartitionOwnership> OpenStoreAsync() =>
        await PostgresPartitionOwnership.OpenAsync(_database.Options with { Partitions = Partitions }, Options, Time, CancellationToken.None);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _database.DisposeAsync();
    }
}
