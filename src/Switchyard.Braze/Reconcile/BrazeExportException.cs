namespace Switchyard.Braze.Reconcile;

/// <summary>Braze refused or kept failing <c>/users/export/ids</c>: the reconcile job stops with this reason (never the key).</summary>
public sealed class BrazeExportException(string message) : Exception(message);
