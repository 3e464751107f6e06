using System.Text.Json.Nodes;

namespace Switchyard.Sandbox.WebSdk;

/// <summary>
/// One <c>/api/v3/data/</c> body turned into /users/track objects, so the REST validation and writers apply unchanged,
/// with the SDK path each object came from (to name it when the REST rules refuse it).
/// </summary>
internal sealed class WebSdkBatch(string deviceId)
{
    public string DeviceId { get; } = deviceId;

    public JsonArray Attributes { get; } = [];

    public JsonArray Events { get; } = [];

    public JsonArray Purchases { get; } = [];

    public List<string> AttributeSources { get; } = [];

    public List<string> EventSources { get; } = [];

    public List<string> PurchaseSources { get; } = [];

    public List<WebSdkSessionStart> SessionStarts { get; } = [];

    /// <summary>External ids the body names, in order of appearance, each once.</summary>
    public List<string> UserIds { get; } = [];

    public bool IsEmpty => Attributes.Count + Events.Count + Purchases.Count + SessionStarts.Count == 0;

    public void AddAttributes(JsonObject obj, string source)
    {
        Attributes.Add(obj);
        AttributeSources.Add(source);
    }

    public void AddEvent(JsonObject obj, string source)
    {
        Events.Add(obj);
        EventSources.Add(source);
    }

    public void AddPurchase(JsonObject obj, string source)
    {
        Purchases.Add(obj);
        PurchaseSources.Add(source);
    }

    public void NoteUser(string? userId)
    {
        if (userId is not null && !UserIds.Contains(userId))
        {
            UserIds.Add(userId);
        }
    }
}
