namespace Switchyard.Core.Privacy;

/// <summary>A request's <c>request_status</c> as the DSR API reports it; only a pending request can be cancelled.</summary>
public enum DsrStatus
{
    Pending,
    InProgress,
    Completed,
    Cancelled,
}
