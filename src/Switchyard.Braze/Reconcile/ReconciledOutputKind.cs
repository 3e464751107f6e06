namespace Switchyard.Braze.Reconcile;

/// <summary>Which ledger a reconcile compares: an event output's attributes, or an audience output's membership attributes.</summary>
public enum ReconciledOutputKind
{
    Events,
    Audiences,
}
