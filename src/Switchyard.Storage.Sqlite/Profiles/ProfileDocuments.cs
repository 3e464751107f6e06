using System.Text.Json;
using Switchyard.Core.Profiles;

namespace Switchyard.Storage.Sqlite.Profiles;

/// <summary>Turns profiles into the JSON documents stored in the <c>profiles</c> table and back.</summary>
internal static class ProfileDocuments
{
    public static string Serialize(Profile profile) => JsonSerializer.Serialize(profile, ProfileJsonContext.Default.Profile);

    /// <summary>Every call builds a new object graph, which is what makes loaded profiles independent copies.</summary>
    public static Profile Deserialize(string document) =>
        JsonSerializer.Deserialize(document, ProfileJsonContext.Default.Profile)
        ?? throw new InvalidDataException("A stored profile document is the JSON literal null.");
}
