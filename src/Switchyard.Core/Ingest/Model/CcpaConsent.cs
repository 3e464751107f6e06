namespace Switchyard.Core.Ingest.Model;

/// <summary>The <c>ccpa</c> part of a <see cref="ConsentState"/> (reference/mparticle.md §1.2).</summary>
public sealed class CcpaConsent
{
    public ConsentRecord? DataSaleOptOut { get; set; }
}
