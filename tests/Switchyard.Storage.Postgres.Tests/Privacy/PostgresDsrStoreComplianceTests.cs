using Switchyard.Core.Privacy;
using Switchyard.Storage.Compliance;
using Switchyard.Storage.Postgres.Privacy;
using Switchyard.Storage.Postgres.Tests.Support;

namespace Switchyard.Storage.Postgres.Tests.Privacy;

public sealed class PostgresDsrStoreComplianceTests : DsrStoreComplianceTests
{
    private TemporaryDatabase? _database;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _database = await TemporaryDatabase.CreateAsync();
    }

    protected override async Task<IDsrStore> OpenStoreAsync() =>
        await PostgresDsrStore.OpenAsync(_database!.Options, Time);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
