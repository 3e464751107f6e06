using System.Text.Json;
using Switchyard.Core.Profiles;

namespace Switchyard.Core.Privacy;

/// <summary>
/// Whether a stored batch belongs to a subject: its <c>mpid</c> is one of theirs, or one of its user identities is; a
/// batch without user identities also belongs to them through a device identity. A batch that names another user
/// identity is not taken for a shared device alone, so an erasure never removes another person's batches.
/// </summary>
public static class BatchOwnership
{
    public static bool Belongs(ReadOnlyMemory<byte> payload, DsrSubject subject)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(payload);
        }
        catch (JsonException)
        {
            return false;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            if (root.TryGetProperty("mpid", out var mpid) && MpidOf(mpid) is { } m && subject.Mpids.Contains(m))
            {
                return true;
            }

            var hasUserIdentity = false;
            if (root.TryGetProperty("user_identities", out var users) && users.ValueKind == JsonValueKind.Object)
            {
                foreach (var identity in users.EnumerateObject())
                {
                    if (identity.Value.ValueKind != JsonValueKind.String || identity.Value.GetString() is not { Length: > 0 } value)
                    {
                        continue;
                    }

                    hasUserIdentity = true;
                    var key = identity.Name == "customerid" ? IdentityKeys.CustomerId : identity.Name;
                    if (subject.Has(key, value))
                    {
                        return true;
                    }
                }
            }

            if (!hasUserIdentity && root.TryGetProperty("device_info", out var device) && device.ValueKind == JsonValueKind.Object)
            {
                foreach (var field in device.EnumerateObject())
                {
                    if (field.Value.ValueKind == JsonValueKind.String && field.Value.GetString() is { Length: > 0 } value
                        && subject.Has(IdentityKeys.Device(field.Name), value))
                    {
                        return true;
                    }
                }
            }

            return false;
        }
    }

    private static long? MpidOf(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Number when element.TryGetInt64(out var n) => n,
        JsonValueKind.String when long.TryParse(element.GetString(), System.Globalization.CultureInfo.InvariantCulture, out var n) => n,
        _ => null,
    };
}
