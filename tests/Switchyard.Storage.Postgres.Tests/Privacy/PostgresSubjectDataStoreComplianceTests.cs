using Switchyard.Core.Profiles;
using Switchyard.Storage.Compliance;
using Switchyard.Storage.Postgres.Profiles;
using Switchyard.Storage.Postgres.Tests.Support;

namespace Switchyard.Storage.Postgres.Tests.Privacy;

public sealed class PostgresSubjectDataStoreComplianceTests : SubjectDataStoreComplianceTests
{
    private TemporaryDatabase? _database;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _database = await TemporaryDatabase.CreateAsync();
    }

    protected override async Task<IProfileStore> OpenStoreAsync() =>
        await PostgresProfileStore.OpenAsync(_database!.Options, Time);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
