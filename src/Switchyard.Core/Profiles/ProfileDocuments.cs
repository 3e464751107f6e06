using System.Text.Json;
using System.Text.Json.Serialization;

namespace Switchyard.Core.Profiles;

/// <summary>
/// The stored form of a profile, the same for every storage provider: one JSON document per profile, with snake_case
/// names, enums by name (a document stays valid when an enum gains members) and empty values left out, since most
/// fields of most profiles are empty. Also the identity rows a provider keeps beside each document.
/// </summary>
public static class ProfileDocuments
{
    public static string Serialize(Profile profile) => JsonSerializer.Serialize(profile, ProfileDocumentJsonContext.Default.Profile);

    /// <summary>The same document as <see cref="Serialize"/>, as UTF-8 bytes: half the memory of a string, and what SQLite stores.</summary>
    public static byte[] SerializeToUtf8(Profile profile) => JsonSerializer.SerializeToUtf8Bytes(profile, ProfileDocumentJsonContext.Default.Profile);

    /// <summary>A new object graph on every call: that is what makes each loaded profile a copy of its own.</summary>
    public static Profile Deserialize(string document) =>
        JsonSerializer.Deserialize(document, ProfileDocumentJsonContext.Default.Profile)
        ?? throw new InvalidDataException("A stored profile document is the JSON literal null.");

    /// <inheritdoc cref="Deserialize(string)"/>
    public static Profile Deserialize(ReadOnlySpan<byte> utf8) =>
        JsonSerializer.Deserialize(utf8, ProfileDocumentJsonContext.Default.Profile)
        ?? throw new InvalidDataException("A stored profile document is the JSON literal null.");

    /// <summary>
    /// The identity rows of a profile: user identities under their wire name, device identities under
    /// <see cref="IdentityKeys.Device"/>. An identity without a value is refused.
    /// </summary>
    public static HashSet<(string Key, string Value)> Identities(Profile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var links = new HashSet<(string Key, string Value)>();
        foreach (var (key, value) in profile.UserIdentities)
        {
            links.Add((key, value ?? throw new ArgumentException($"User identity '{key}' has no value.", nameof(profile))));
        }

        foreach (var (field, value) in profile.DeviceIdentities)
        {
            links.Add((IdentityKeys.Device(field), value ?? throw new ArgumentException($"Device identity '{field}' has no value.", nameof(profile))));
        }

        return links;
    }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(Profile))]
internal sealed partial class ProfileDocumentJsonContext : JsonSerializerContext;
