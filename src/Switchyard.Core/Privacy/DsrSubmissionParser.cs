using System.Globalization;
using System.Text.Json;

namespace Switchyard.Core.Privacy;

/// <summary>
/// Reads a DSR API v3 submission body (https://docs.mparticle.com/developers/apis/dsr-api/v3/): <c>regulation</c>,
/// <c>subject_request_id</c> (UUID), <c>subject_request_type</c>, <c>submitted_time</c>, <c>subject_identities</c>
/// (an object keyed by identity type, each <c>{value, encoding:"raw"}</c>), optional <c>status_callback_urls</c>,
/// <c>group_id</c>, <c>api_version</c> and the <c>opendsr.mparticle.com</c> extension (more identities, <c>mpid</c>,
/// <c>skip_waiting_period</c>). The first problem found is returned, naming its field.
/// </summary>
public static class DsrSubmissionParser
{
    public const string ExtensionDomain = "opendsr.mparticle.com";
    public const int MaxIdentities = 50;

    public static (DsrSubmission? Submission, DsrFieldError? Error) Parse(ReadOnlySpan<byte> body, DsrCallbackPolicy callbacks)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.ToArray(), new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            return (null, new DsrFieldError("body", $"The body is not valid JSON: {e.Message}"));
        }

        using (document)
        {
            try
            {
                return (Read(document.RootElement, callbacks), null);
            }
            catch (DsrRefusal refusal)
            {
                return (null, refusal.Error);
            }
            catch (InvalidOperationException)
            {
                // A string that is not valid UTF-8 or holds a lone surrogate cannot be read as text.
                return (null, new DsrFieldError("body", "The body holds a string that is not valid UTF-8 text."));
            }
        }
    }

    private static DsrSubmission Read(JsonElement root, DsrCallbackPolicy callbacks)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Refuse("body", "The body must be a JSON object.");
        }

        var regulation = RequiredString(root, "regulation");
        if (regulation is not ("gdpr" or "ccpa"))
        {
            throw Refuse("regulation", "regulation must be 'gdpr' or 'ccpa'.");
        }

        var id = RequiredString(root, "subject_request_id");
        if (!Guid.TryParseExact(id, "D", out _) || id != id.ToLowerInvariant())
        {
            throw Refuse("subject_request_id", "subject_request_id must be a lower-case UUID (8-4-4-4-12 hex digits).");
        }

        var type = DsrWireNames.RequestType(RequiredString(root, "subject_request_type"))
            ?? throw Refuse("subject_request_type", "subject_request_type must be 'access', 'portability' or 'erasure'.");

        var submittedText = RequiredString(root, "submitted_time");
        if (!DateTimeOffset.TryParse(submittedText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var submitted))
        {
            throw Refuse("submitted_time", "submitted_time must be an ISO 8601 date and time, such as 2026-01-31T12:00:00Z.");
        }

        if (root.TryGetProperty("api_version", out var version) && !(version.ValueKind == JsonValueKind.String && version.GetString() is "3.0" or "3"))
        {
            throw Refuse("api_version", "api_version must be \"3.0\" when given.");
        }

        var identities = new Dictionary<string, string>(StringComparer.Ordinal);
        long? mpid = null;
        var count = 0;
        if (root.TryGetProperty("subject_identities", out var standard) && standard.ValueKind != JsonValueKind.Null)
        {
            count += ReadIdentities(standard, "subject_identities", DsrIdentityTypes.StandardKey, identities, ref mpid);
        }

        var skipWaiting = false;
        if (root.TryGetProperty("extensions", out var extensions) && extensions.ValueKind != JsonValueKind.Null)
        {
            if (extensions.ValueKind != JsonValueKind.Object)
            {
                throw Refuse("extensions", "extensions must be an object keyed by domain.");
            }

            if (extensions.TryGetProperty(ExtensionDomain, out var mine) && mine.ValueKind != JsonValueKind.Null)
            {
                var path = $"extensions.{ExtensionDomain}";
                if (mine.ValueKind != JsonValueKind.Object)
                {
                    throw Refuse(path, "The extension must be an object.");
                }

                if (mine.TryGetProperty("subject_identities", out var more) && more.ValueKind != JsonValueKind.Null)
                {
                    count += ReadIdentities(more, path + ".subject_identities", DsrIdentityTypes.ExtensionKey, identities, ref mpid);
                }

                if (mine.TryGetProperty("skip_waiting_period", out var skip))
                {
                    skipWaiting = skip.ValueKind switch
                    {
                        JsonValueKind.True => true,
                        JsonValueKind.False or JsonValueKind.Null => false,
                        _ => throw Refuse(path + ".skip_waiting_period", "skip_waiting_period must be true or false."),
                    };
                }
            }
        }

        if (count == 0)
        {
            throw Refuse("subject_identities", "At least one identity is required in subject_identities (or in the opendsr.mparticle.com extension).");
        }

        if (count > MaxIdentities)
        {
            throw Refuse("subject_identities", $"At most {MaxIdentities} identities are allowed in one request.");
        }

        if (mpid is not null && count > 1)
        {
            throw Refuse($"extensions.{ExtensionDomain}.subject_identities.mpid", "An mpid must be the only identity of its request.");
        }

        var urls = new List<string>();
        if (root.TryGetProperty("status_callback_urls", out var callbackUrls) && callbackUrls.ValueKind != JsonValueKind.Null)
        {
            if (callbackUrls.ValueKind != JsonValueKind.Array)
            {
                throw Refuse("status_callback_urls", "status_callback_urls must be an array of URLs.");
            }

            var i = 0;
            foreach (var url in callbackUrls.EnumerateArray())
            {
                var field = $"status_callback_urls[{i++}]";
                if (url.ValueKind != JsonValueKind.String || url.GetString() is not { Length: > 0 } text)
                {
                    throw Refuse(field, "Each status callback URL must be a non-empty string.");
                }

                if (!callbacks.Allows(text))
                {
                    throw Refuse(field, "This callback URL is not allowed by the workspace (privacy.dsrCallbackUrls).");
                }

                urls.Add(text);
            }

            if (urls.Count > 10)
            {
                throw Refuse("status_callback_urls", "At most 10 status callback URLs are allowed.");
            }
        }

        string? group = null;
        if (root.TryGetProperty("group_id", out var groupElement) && groupElement.ValueKind != JsonValueKind.Null)
        {
            group = groupElement.ValueKind == JsonValueKind.String && groupElement.GetString() is { Length: > 0 and <= 256 } g
                ? g
                : throw Refuse("group_id", "group_id must be a string of 1 to 256 characters.");
        }

        return new DsrSubmission(id, regulation, type, submitted.ToUniversalTime(), identities, mpid, urls, group, skipWaiting);
    }

    private static int ReadIdentities(JsonElement element, string path, Func<string, string?> keyOf, Dictionary<string, string> into, ref long? mpid)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Refuse(path, "subject_identities must be an object keyed by identity type, each {\"value\": ..., \"encoding\": \"raw\"}.");
        }

        var count = 0;
        foreach (var property in element.EnumerateObject())
        {
            var field = $"{path}.{property.Name}";
            var isMpid = property.Name == DsrIdentityTypes.Mpid && path.StartsWith("extensions", StringComparison.Ordinal);
            var key = isMpid ? null : keyOf(property.Name) ?? throw Refuse(field, $"'{property.Name}' is not a supported identity type here.");
            if (property.Value.ValueKind != JsonValueKind.Object)
            {
                throw Refuse(field, "Each identity must be an object: {\"value\": ..., \"encoding\": \"raw\"}.");
            }

            if (property.Value.TryGetProperty("encoding", out var encoding) && !(encoding.ValueKind == JsonValueKind.String && encoding.GetString() == "raw"))
            {
                throw Refuse(field + ".encoding", "Only the 'raw' encoding is supported.");
            }

            if (!property.Value.TryGetProperty("value", out var value))
            {
                throw Refuse(field + ".value", "The identity's value is required.");
            }

            if (isMpid)
            {
                // The docs do not say whether an MPID is sent as a string or a number (UNVERIFIED): both are read.
                mpid = value.ValueKind switch
                {
                    JsonValueKind.Number when value.TryGetInt64(out var n) => n,
                    JsonValueKind.String when long.TryParse(value.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) => n,
                    _ => throw Refuse(field + ".value", "An mpid must be a 64-bit integer (a number or a string of digits)."),
                };
            }
            else
            {
                if (value.ValueKind != JsonValueKind.String || value.GetString() is not { Length: > 0 and <= 1024 } text)
                {
                    throw Refuse(field + ".value", "The identity's value must be a non-empty string of at most 1024 characters.");
                }

                if (!into.TryAdd(key!, text))
                {
                    throw Refuse(field, "This identity type is given twice.");
                }
            }

            count++;
        }

        return count;
    }

    private static string RequiredString(JsonElement root, string name) =>
        root.TryGetProperty(name, out var element) && element.ValueKind == JsonValueKind.String && element.GetString() is { Length: > 0 } text
            ? text
            : throw Refuse(name, $"{name} is required and must be a string.");

    private static DsrRefusal Refuse(string field, string message) => new(new DsrFieldError(field, message));

    private sealed class DsrRefusal(DsrFieldError error) : Exception(error.Message)
    {
        public DsrFieldError Error { get; } = error;
    }
}
