using Switchyard.Core.Delivery.Engine;
using Switchyard.Storage.Compliance;
using Switchyard.Storage.Postgres.RateBudgets;
using Switchyard.Storage.Postgres.Tests.Support;

namespace Switchyard.Storage.Postgres.Tests.RateBudgets;

public sealed class PostgresRateBudgetStoreComplianceTests : RateBudgetStoreComplianceTests
{
    private TemporaryDatabase _database = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _database = await TemporaryDatabase.CreateAsync();
    }

    protected override async Task<IRateBudgetStore> OpenStoreAsync() =>
        await PostgresRateBudgetStore.OpenAsync(_database.Options);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _database.DisposeAsync();
    }
}
