using Switchyard.Core.Storage;
using Switchyard.Storage.Compliance;
using Switchyard.Storage.Postgres.Inbox;
using Switchyard.Storage.Postgres.Tests.Support;

namespace Switchyard.Storage.Postgres.Tests.Inbox;

public sealed class PostgresInboxEraserComplianceTests : InboxEraserComplianceTests
{
    private TemporaryDatabase _database = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _database = await TemporaryDatabase.CreateAsync();
    }

    protected override async Task<IInboxStore> OpenStoreAsync() => await PostgresInboxStore.OpenAsync(_database.Options, Time);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _database.DisposeAsync();
    }
}
