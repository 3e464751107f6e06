using System.Text.Json;
using Switchyard.Core.Delivery.Engine;
using Switchyard.Core.Workspace;

namespace Switchyard.Core.Delivery.MParticle;

/// <summary>Reads an <c>mparticle</c> output's settings; the first error names the field.</summary>
internal static class MParticleSettingsReader
{
    /// <summary>
    /// mParticle's Events API takes up to 100 batches per <c>/v2/bulkevents</c> request
    /// (https://docs.mparticle.com/developers/apis/http/); Switchyard's own Events API has the same limit.
    /// </summary>
    public const int MaxBatchSize = 100;

    public const int DefaultRequestsPerSecond = 100;

    private static readonly string[] Known = ["endpoint", "apiKey", "apiSecret", "batchSize", "requestsPerSecond", "includeMpid"];

    public static OutputSettingsResult Parse(string settingsJson)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(settingsJson);
        }
        catch (JsonException)
        {
            return OutputSettingsResult.Invalid("", "must be a JSON object.");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return OutputSettingsResult.Invalid("", "must be a JSON object.");
            }

            foreach (var property in root.EnumerateObject())
            {
                if (!Known.Contains(property.Name, StringComparer.Ordinal))
                {
                    return OutputSettingsResult.Invalid(property.Name, $"is not a setting of an mparticle output ({string.Join(", ", Known)}).");
                }
            }

            if (!root.TryGetProperty("endpoint", out var endpointValue) || endpointValue.ValueKind != JsonValueKind.String)
            {
                return OutputSettingsResult.Invalid("endpoint", "is required: the base URL of an mParticle Events API, e.g. https://s2s.mparticle.com.");
            }

            if (!Uri.TryCreate(endpointValue.GetString(), UriKind.Absolute, out var endpoint)
                || endpoint.Scheme is not ("https" or "http") || endpoint.Query.Length > 0 || endpoint.Fragment.Length > 0 || endpoint.UserInfo.Length > 0)
            {
                return OutputSettingsResult.Invalid("endpoint", "must be an http or https base URL without query, fragment or credentials.");
            }

            if (Secret(root, "apiKey") is { } keyError)
            {
                return keyError;
            }

            if (Secret(root, "apiSecret") is { } secretError)
            {
                return secretError;
            }

            if (!Whole(root, "batchSize", MaxBatchSize, MaxBatchSize, out var batchSize, out var batchError))
            {
                return batchError!;
            }

            if (!Whole(root, "requestsPerSecond", DefaultRequestsPerSecond, 100_000, out var perSecond, out var rateError))
            {
                return rateError!;
            }

            var includeMpid = false;
            if (root.TryGetProperty("includeMpid", out var mpid))
            {
                if (mpid.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                {
                    return OutputSettingsResult.Invalid("includeMpid", "must be true or false.");
                }

                includeMpid = mpid.GetBoolean();
            }

            return OutputSettingsResult.Valid(new MParticleSettings(
                endpoint, root.GetProperty("apiKey").GetString()!, root.GetProperty("apiSecret").GetString()!, batchSize, perSecond, includeMpid));
        }
    }

    private static OutputSettingsResult? Secret(JsonElement root, string field)
    {
        if (!root.TryGetProperty(field, out var value) || value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
        {
            return OutputSettingsResult.Invalid(field, "is required (the receiving input feed's key and secret, sent as HTTP Basic).");
        }

        return PlaceholderSecrets.IsPlaceholder(value.GetString()!) ? OutputSettingsResult.Invalid(field, PlaceholderSecrets.Advice) : null;
    }

    private static bool Whole(JsonElement root, string field, int fallback, int max, out int value, out OutputSettingsResult? error)
    {
        value = fallback;
        error = null;
        if (!root.TryGetProperty(field, out var element))
        {
            return true;
        }

        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt32(out value) || value < 1 || value > max)
        {
            error = OutputSettingsResult.Invalid(field, $"must be a whole number from 1 to {max}.");
            return false;
        }

        return true;
    }
}
