namespace Switchyard.Core.Workspace;

/// <summary>An output (a destination such as Braze) with its type's settings as JSON, validated by that output type.</summary>
public sealed record OutputDefinition(string Id, string Type, string SettingsJson)
{
    /// <summary>For a Braze output, a label naming the Braze workspace it writes to; null when not given (see <see cref="EchoRule"/>).</summary>
    public string? BrazeWorkspace { get; init; }

    /// <summary>
    /// Requests of this output in flight at once (1 to 32); null: the engine's default
    /// (<see cref="Delivery.Engine.DeliveryOptions.DefaultMaxInFlight"/>). Per-user order holds whatever the number.
    /// </summary>
    public int? MaxInFlight { get; init; }

    /// <summary>Any type starting with <c>braze</c> writes to Braze.</summary>
    public bool IsBraze => Type.StartsWith("braze", StringComparison.Ordinal);

    /// <summary>Settings hold secrets (REST keys): never printed.</summary>
    public override string ToString() => $"OutputDefinition {{ Id = {Id}, Type = {Type} }}";
}
