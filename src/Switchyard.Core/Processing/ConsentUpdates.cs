using Switchyard.Core.Ingest.Model;
using Switchyard.Core.Profiles;

namespace Switchyard.Core.Processing;

/// <summary>
/// Applies <c>consent_state</c> (reference/mparticle.md §1.2) last-writer-wins, each decision at its own
/// <c>timestamp_unixtime_ms</c> or else the batch write time. Keys: <c>gdpr:&lt;purpose&gt;</c> and
/// <c>ccpa:data_sale_opt_out</c>. A record without <c>consented</c> says nothing and is skipped.
/// </summary>
internal static class ConsentUpdates
{
    public static void Apply(Profile profile, ConsentState? state, long writeMs, long receivedAtMs)
    {
        if (state is null)
        {
            return;
        }

        foreach (var (purpose, record) in state.Gdpr)
        {
            Set(profile, "gdpr:" + purpose, record, writeMs, receivedAtMs);
        }

        if (state.Ccpa?.DataSaleOptOut is { } optOut)
        {
            Set(profile, "ccpa:data_sale_opt_out", optOut, writeMs, receivedAtMs);
        }
    }

    private static void Set(Profile profile, string key, ConsentRecord record, long writeMs, long receivedAtMs)
    {
        if (record.Consented is not { } consented)
        {
            return;
        }

        var atMs = ClientTime.Of(record.TimestampUnixtimeMs, writeMs, receivedAtMs);
        if (profile.Consent.TryGetValue(key, out var held) && held.UpdatedAtMs > atMs)
        {
            return;
        }

        profile.Consent[key] = new StoredConsent { Consented = consented, UpdatedAtMs = atMs };
    }
}
