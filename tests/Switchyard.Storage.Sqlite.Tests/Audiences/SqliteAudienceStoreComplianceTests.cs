using Microsoft.Data.Sqlite;
using Switchyard.Core.Audiences;
using Switchyard.Storage.Compliance;
using Switchyard.Storage.Sqlite.Audiences;

namespace Switchyard.Storage.Sqlite.Tests.Audiences;

public sealed class SqliteAudienceStoreComplianceTests : AudienceStoreComplianceTests
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "switchyard-audiences-" + Guid.NewGuid().ToString("N"));

    protected override async Task<IAudienceStore> OpenStoreAsync() =>
        await SqliteAudienceStore.OpenAsync(new SqliteStorageOptions { DataDirectory = _directory }, Time);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
