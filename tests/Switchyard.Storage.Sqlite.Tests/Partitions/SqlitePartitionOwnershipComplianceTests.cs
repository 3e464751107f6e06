using Switchyard.Core.Partitions;
using Switchyard.Storage.Compliance;
using Switchyard.Storage.Sqlite.Partitions;

namespace Switchyard.Storage.Sqlite.Tests.Partitions;

public sealed class SqlitePartitionOwnershipComplianceTests : PartitionOwnershipComplianceTests
{
    protected override Task<IPartitionOwnership> OpenStoreAsync() =>
        Task.FromResult<IPartitionOwnership>(new SqlitePartitionOwnership(Partitions));
}
