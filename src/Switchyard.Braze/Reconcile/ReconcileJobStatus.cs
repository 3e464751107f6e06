namespace Switchyard.Braze.Reconcile;

public enum ReconcileJobStatus
{
    Running,
    Finished,
    Failed,
    Cancelled,
}
