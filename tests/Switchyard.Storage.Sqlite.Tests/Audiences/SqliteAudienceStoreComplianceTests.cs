using Switchyard.Core.Audiences;
using Switchyard.Storage.Compliance;
using Switchyard.Storage.Sqlite.Audiences;
using Switchyard.Storage.Sqlite.Tests.Support;

namespace Switchyard.Storage.Sqlite.Tests.Audiences;

public sealed class SqliteAudienceStoreComplianceTests : AudienceStoreComplianceTests
{
    private readonly TemporaryDataDirectory _data = new("audiences");

    protected override async Task<IAudienceStore> OpenStoreAsync() =>
        await SqliteAudienceStore.OpenAsync(_data.Options, Time);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _data.Dispose();
    }
}
