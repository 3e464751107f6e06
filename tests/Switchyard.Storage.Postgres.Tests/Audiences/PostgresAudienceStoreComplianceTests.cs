using Switchyard.Core.Audiences;
using Switchyard.Storage.Compliance;
using Switchyard.Storage.Postgres.Audiences;
using Switchyard.Storage.Postgres.Tests.Support;

namespace Switchyard.Storage.Postgres.Tests.Audiences;

public sealed class PostgresAudienceStoreComplianceTests : AudienceStoreComplianceTests
{
    private TemporaryDatabase _database = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _database = await TemporaryDatabase.CreateAsync();
    }

    protected override async Task<IAudienceStore> OpenStoreAsync() =>
        await PostgresAudienceStore.OpenAsync(_database.Options, Time);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _database.DisposeAsync();
    }
}
