namespace Switchyard.Cli.Send;

/// <summary>One Events API batch as it will be sent, with where it came from (for error messages) and its event count.</summary>
/// <param name="Origin">"line 3", "[2]", "sample 17".</param>
internal sealed record OutgoingBatch(string Json, int Events, string Origin);
