using System.Text.Json;

namespace Switchyard.Core.Delivery.MParticle;

/// <summary>
/// Settings of an <c>mparticle</c> output, validated (<see cref="MParticleSettingsReader"/>) and frozen. The key and
/// secret are never printed: <see cref="ToString"/> and <see cref="Redacted"/> leave them out.
/// </summary>
/// <param name="Endpoint">Base URL; batches go to <c>{Endpoint}/v2/bulkevents</c>.</param>
/// <param name="BatchSize">Batches per bulk request, 1–<see cref="MParticleSettingsReader.MaxBatchSize"/>.</param>
/// <param name="RequestsPerSecond">This output's own request budget, shared by outputs with the same endpoint and key.</param>
/// <param name="IncludeMpid">Send this Switchyard's MPID; off by default, as the receiver assigns its own.</param>
public sealed record MParticleSettings(Uri Endpoint, string ApiKey, string ApiSecret, int BatchSize, int RequestsPerSecond, bool IncludeMpid)
{
    /// <summary>Where the batches go.</summary>
    public Uri BulkEventsUrl => new(Endpoint.AbsoluteUri.TrimEnd('/') + "/v2/bulkevents");

    /// <summary>The settings as JSON with the key and secret replaced by <c>"***"</c> (the admin API shows this).</summary>
    public string Redacted()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("endpoint", Endpoint.AbsoluteUri.TrimEnd('/'));
            json.WriteString("apiKey", "***");
            json.WriteString("apiSecret", "***");
            json.WriteNumber("batchSize", BatchSize);
            json.WriteNumber("requestsPerSecond", RequestsPerSecond);
            json.WriteBoolean("includeMpid", IncludeMpid);
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    public override string ToString() => $"MParticleSettings {{ Endpoint = {Endpoint}, BatchSize = {BatchSize} }}";
}
