using System.Text.Json;
using System.Text.Json.Serialization;

namespace Switchyard.Core.Privacy;

/// <summary>Who a running request is about: identity key → values, and MPIDs. Stored as JSON while the request runs.</summary>
public sealed class DsrSubject
{
    public Dictionary<string, List<string>> Identities { get; set; } = new(StringComparer.Ordinal);

    public List<long> Mpids { get; set; } = [];

    public void Add(string key, string value)
    {
        if (!Identities.TryGetValue(key, out var values))
        {
            Identities[key] = values = [];
        }

        if (!values.Contains(value, StringComparer.Ordinal))
        {
            values.Add(value);
        }
    }

    public void AddMpid(long mpid)
    {
        if (!Mpids.Contains(mpid))
        {
            Mpids.Add(mpid);
        }
    }

    public bool Has(string key, string value) => Identities.TryGetValue(key, out var values) && values.Contains(value, StringComparer.Ordinal);

    public string ToJson() => JsonSerializer.Serialize(this, DsrJsonContext.Default.DsrSubject);

    public static DsrSubject FromJson(string? json) =>
        json is null ? new DsrSubject() : JsonSerializer.Deserialize(json, DsrJsonContext.Default.DsrSubject) ?? new DsrSubject();
}

[JsonSerializable(typeof(DsrSubject))]
[JsonSerializable(typeof(List<string>))]
internal sealed partial class DsrJsonContext : JsonSerializerContext;
