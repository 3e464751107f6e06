namespace Switchyard.Sandbox.RateLimits;

/// <summary>The endpoint groups that share a rate-limit budget (reference/braze.md §1.8, §2).</summary>
internal enum RateLimitClass
{
    Track,
    UserWrites,
    ExportIds,

    /// <summary><c>/users/external_ids/rename</c>: its own budget, sized by <see cref="SandboxRateLimitOptions.ExternalIds"/>.</summary>
    ExternalIdsRename,

    /// <summary><c>/users/external_ids/remove</c>: its own budget, sized by <see cref="SandboxRateLimitOptions.ExternalIds"/>.</summary>
    ExternalIdsRemove,
    Other,
}
