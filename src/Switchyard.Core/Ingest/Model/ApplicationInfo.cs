namespace Switchyard.Core.Ingest.Model;

/// <summary>A batch's <c>application_info</c> (reference/mparticle.md §1.2).</summary>
public sealed class ApplicationInfo
{
    public string? ApplicationName { get; set; }

    public string? ApplicationVersion { get; set; }

    public string? ApplicationBuildNumber { get; set; }

    public string? InstallReferrer { get; set; }

    public string? Package { get; set; }

    /// <summary>Null when absent; mParticle treats that as <see cref="ApplicationOs.Unknown"/>.</summary>
    public ApplicationOs? Os { get; set; }
}
