namespace Switchyard.Sandbox.RateLimits;

/// <summary>The endpoint groups that share a rate-limit budget (reference/braze.md §1.8, §2).</summary>
internal enum RateLimitClass
{
    Track,
    UserWrites,
    ExportIds,
    Other,
}
