using Microsoft.Data.Sqlite;
using Switchyard.Core.Profiles;
using Switchyard.Storage.Compliance;
using Switchyard.Storage.Sqlite.Profiles;

namespace Switchyard.Storage.Sqlite.Tests.Profiles;

public sealed class SqliteDeliveryStoreComplianceTests : DeliveryStoreComplianceTests
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "switchyard-delivery-" + Guid.NewGuid().ToString("N"));

    protected override async Task<IProfileStore> OpenStoreAsync() =>
        await SqliteProfileStore.OpenAsync(new SqliteStorageOptions { DataDirectory = _directory }, Time);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
