using Switchyard.Sandbox.DataPoints;
using Switchyard.Sandbox.Users;

namespace Switchyard.Sandbox.Persistence;

/// <summary>No data directory: the in-memory store is the only copy.</summary>
internal sealed class InMemoryStatePersistence : IStatePersistence
{
    public IReadOnlyList<SandboxUser> LoadUsers() => [];

    public IReadOnlyList<LedgerRow> LoadLedger() => [];

    public void Commit(IReadOnlyCollection<SandboxUser> upserts, IReadOnlyCollection<string> deletedBrazeIds, LedgerRow? ledgerRow)
    {
    }

    public void ClearAll()
    {
    }

    public void ClearLedger()
    {
    }

    public void Dispose()
    {
    }
}
