using Switchyard.Core.Storage;
using Switchyard.Storage.Compliance;
using Switchyard.Storage.Sqlite.Inbox;
using Switchyard.Storage.Sqlite.Tests.Support;

namespace Switchyard.Storage.Sqlite.Tests.Inbox;

public sealed class SqliteInboxComplianceTests : InboxComplianceTests
{
    private readonly TemporaryDataDirectory _data = new("inbox");

    protected override async Task<IInboxStore> OpenStoreAsync(TimeSpan dedupeRetention) =>
        await SqliteInboxStore.OpenAsync(new SqliteStorageOptions { DataDirectory = _data.Path, DedupeRetention = dedupeRetention }, Time);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _data.Dispose();
    }
}
