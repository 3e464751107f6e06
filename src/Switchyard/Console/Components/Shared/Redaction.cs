namespace Switchyard.Console.Components.Shared;

/// <summary>How the console shows credentials: a key by its first characters (enough to tell two apart), a secret never.</summary>
internal static class Redaction
{
    public const string Hidden = "(hidden)";

    public static string Key(string key) => key.Length <= 8 ? "••••" : key[..4] + "••••";
}
