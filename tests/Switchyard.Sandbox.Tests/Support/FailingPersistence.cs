using Switchyard.Sandbox.DataPoints;
using Switchyard.Sandbox.Persistence;
using Switchyard.Sandbox.Users;

namespace Switchyard.Sandbox.Tests.Support;

/// <summary>In-memory persistence whose commits and clears fail while <see cref="FailCommits"/> is set, like a full disk.</summary>
internal sealed class FailingPersistence : IStatePersistence
{
    public const string FailureMessage = "disk full (injected)";

    public bool FailCommits { get; set; }

    public int Commits { get; private set; }

    public IReadOnlyList<SandboxUser> LoadUsers() => [];

    public IReadOnlyList<LedgerRow> LoadLedger() => [];

    public void Commit(IReadOnlyCollection<SandboxUser> upserts, IReadOnlyCollection<string> deletedBrazeIds, LedgerRow? ledgerRow)
    {
        ThrowIfFailing();
        Commits++;
    }

    public void ClearAll() => ThrowIfFailing();

    public void ClearLedger() => ThrowIfFailing();

    public void Dispose()
    {
    }

    private void ThrowIfFailing()
    {
        if (FailCommits)
        {
            throw new IOException(FailureMessage);
        }
    }
}
