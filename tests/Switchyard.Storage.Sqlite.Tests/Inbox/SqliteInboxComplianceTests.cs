using Switchyard.Core.Storage;
using Switchyard.Storage.Compliance;
using Switchyard.Storage.Sqlite.Inbox;

namespace Switchyard.Storage.Sqlite.Tests.Inbox;

public sealed class SqliteInboxComplianceTests : InboxComplianceTests
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "switchyard-inbox-" + Guid.NewGuid().ToString("N"));

    protected override async Task<IInboxStore> OpenStoreAsync(TimeSpan dedupeRetention) =>
        await SqliteInboxStore.OpenAsync(new SqliteStorageOptions { DataDirectory = _directory, DedupeRetention = dedupeRetention }, Time);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
