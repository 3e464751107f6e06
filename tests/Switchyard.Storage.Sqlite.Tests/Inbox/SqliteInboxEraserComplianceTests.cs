using Switchyard.Core.Storage;
using Switchyard.Storage.Compliance;
using Switchyard.Storage.Sqlite.Inbox;
using Switchyard.Storage.Sqlite.Tests.Support;

namespace Switchyard.Storage.Sqlite.Tests.Inbox;

public sealed class SqliteInboxEraserComplianceTests : InboxEraserComplianceTests
{
    private readonly TemporaryDataDirectory _data = new("inbox-eraser");

    protected override async Task<IInboxStore> OpenStoreAsync() => await SqliteInboxStore.OpenAsync(_data.Options, Time);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _data.Dispose();
    }
}
