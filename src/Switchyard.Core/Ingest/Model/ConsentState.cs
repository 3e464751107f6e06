namespace Switchyard.Core.Ingest.Model;

/// <summary>A batch's <c>consent_state</c> (reference/mparticle.md §1.2).</summary>
public sealed class ConsentState
{
    /// <summary>GDPR purpose → decision. Never null.</summary>
    public IReadOnlyDictionary<string, ConsentRecord> Gdpr { get; set => field = value ?? EmptyGdpr; } = EmptyGdpr;

    public CcpaConsent? Ccpa { get; set; }

    private static IReadOnlyDictionary<string, ConsentRecord> EmptyGdpr { get; } = System.Collections.ObjectModel.ReadOnlyDictionary<string, ConsentRecord>.Empty;
}
