using Switchyard.Core.Workspace;
using Switchyard.Storage.Compliance;
using Switchyard.Storage.Sqlite.Configuration;
using Switchyard.Storage.Sqlite.Tests.Support;

namespace Switchyard.Storage.Sqlite.Tests.Configuration;

public sealed class SqliteWorkspaceEntryStoreComplianceTests : WorkspaceEntryStoreComplianceTests
{
    private readonly TemporaryDataDirectory _data = new("workspace");

    protected override async Task<IWorkspaceEntryStore> OpenStoreAsync() =>
        await SqliteWorkspaceEntryStore.OpenAsync(_data.Options, Time);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _data.Dispose();
    }
}
