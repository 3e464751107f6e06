namespace Switchyard.Cli.Replay;

/// <summary>The admin API refused or failed a request the CLI cannot go on without (the listing, or a wrong token).</summary>
internal sealed class AdminApiException(string message) : Exception(message);
