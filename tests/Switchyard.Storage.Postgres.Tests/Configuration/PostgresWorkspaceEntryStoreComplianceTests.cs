using Switchyard.Core.Workspace;
using Switchyard.Storage.Compliance;
using Switchyard.Storage.Postgres.Configuration;
using Switchyard.Storage.Postgres.Tests.Support;

namespace Switchyard.Storage.Postgres.Tests.Configuration;

public sealed class PostgresWorkspaceEntryStoreComplianceTests : WorkspaceEntryStoreComplianceTests
{
    private TemporaryDatabase _database = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _database = await TemporaryDatabase.CreateAsync();
    }

    protected override async Task<IWorkspaceEntryStore> OpenStoreAsync() =>
        await PostgresWorkspaceEntryStore.OpenAsync(_database.Options, Time);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _database.DisposeAsync();
    }
}
