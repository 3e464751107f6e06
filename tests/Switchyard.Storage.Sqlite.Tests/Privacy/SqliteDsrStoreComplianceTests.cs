using Switchyard.Core.Privacy;
using Switchyard.Storage.Compliance;
using Switchyard.Storage.Sqlite.Privacy;
using Switchyard.Storage.Sqlite.Tests.Support;

namespace Switchyard.Storage.Sqlite.Tests.Privacy;

public sealed class SqliteDsrStoreComplianceTests : DsrStoreComplianceTests
{
    private readonly TemporaryDataDirectory _data = new("dsr");

    protected override async Task<IDsrStore> OpenStoreAsync() =>
        await SqliteDsrStore.OpenAsync(_data.Options, Time);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _data.Dispose();
    }
}
