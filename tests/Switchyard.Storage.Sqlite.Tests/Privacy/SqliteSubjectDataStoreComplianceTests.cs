using Switchyard.Core.Profiles;
using Switchyard.Storage.Compliance;
using Switchyard.Storage.Sqlite.Profiles;
using Switchyard.Storage.Sqlite.Tests.Support;

namespace Switchyard.Storage.Sqlite.Tests.Privacy;

public sealed class SqliteSubjectDataStoreComplianceTests : SubjectDataStoreComplianceTests
{
    private readonly TemporaryDataDirectory _data = new("subjects");

    protected override async Task<IProfileStore> OpenStoreAsync() =>
        await SqliteProfileStore.OpenAsync(_data.Options, Time);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _data.Dispose();
    }
}
