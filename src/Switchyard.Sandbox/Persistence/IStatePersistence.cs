using Switchyard.Sandbox.DataPoints;
using Switchyard.Sandbox.Users;

namespace Switchyard.Sandbox.Persistence;

/// <summary>Where the store writes its state through; every call happens under the store lock.</summary>
internal interface IStatePersistence : IDisposable
{
    IReadOnlyList<SandboxUser> LoadUsers();

    IReadOnlyList<LedgerRow> LoadLedger();

    /// <summary>Writes one request's changes in a single transaction.</summary>
    void Commit(IReadOnlyCollection<SandboxUser> upserts, IReadOnlyCollection<string> deletedBrazeIds, LedgerRow? ledgerRow);

    void ClearAll();

    void ClearLedger();
}
