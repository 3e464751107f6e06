using Switchyard.Core.Delivery.Engine;
using Switchyard.Storage.Compliance;

namespace Switchyard.Storage.Sqlite.Tests.RateBudgets;

/// <summary>SQLite keeps rate budgets in memory (one process holds a data directory), so every "node" is this one store.</summary>
public sealed class InProcessRateBudgetStoreComplianceTests : RateBudgetStoreComplianceTests
{
    private readonly InProcessRateBudgetStore _store = new();

    protected override Task<IRateBudgetStore> OpenStoreAsync() => Task.FromResult<IRateBudgetStore>(_store);
}
