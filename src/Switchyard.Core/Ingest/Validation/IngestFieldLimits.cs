namespace Switchyard.Core.Ingest.Validation;

/// <summary>The field limits of reference/mparticle.md §1.1. Long event and event attribute names are truncated, as mParticle does for S2S data; the others are errors.</summary>
internal static class IngestFieldLimits
{
    public const int MaxEventNameLength = 256;

    public const int MaxEventAttributes = 100;

    public const int MaxAttributeNameLength = 256;

    public const int MaxAttributeValueLength = 4096;

    public const int MaxUserAttributes = 100;

    public const int MaxUserAttributeListEntries = 1000;

    public const int MaxUserAttributeListEntryLength = 512;

    /// <summary>The historical endpoint only takes events at least this old (§1.1).</summary>
    public static readonly TimeSpan HistoricalMinimumAge = TimeSpan.FromHours(72);
}
