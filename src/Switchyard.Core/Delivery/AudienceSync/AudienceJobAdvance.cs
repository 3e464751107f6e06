namespace Switchyard.Core.Delivery.AudienceSync;

/// <summary>
/// How one step moves a job: its phase and cursor afterwards, the users to queue (counted as processed), whether the job
/// is done, and how much work the step counts as (at least 1 when it moved the job, so the worker does not idle).
/// </summary>
internal sealed record AudienceJobAdvance(int Phase, long CursorMpid, IReadOnlyList<long> Users, bool Finished, int Work);
