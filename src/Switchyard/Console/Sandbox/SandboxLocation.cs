namespace Switchyard.Console.Sandbox;

/// <summary>Where the embedded Braze sandbox listens (its control API on loopback), or null when none runs.</summary>
internal sealed record SandboxLocation(Uri? Address)
{
    public const string HttpClientName = "switchyard-console-sandbox";
}
