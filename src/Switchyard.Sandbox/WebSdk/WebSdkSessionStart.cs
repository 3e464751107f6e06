using System.Text.Json.Nodes;

namespace Switchyard.Sandbox.WebSdk;

/// <summary>An <c>ss</c> event: the user it names (as a /users/track identity) and when the session started.</summary>
internal sealed record WebSdkSessionStart(JsonObject Identity, DateTimeOffset Time, string Source);
