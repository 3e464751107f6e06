using System.Text.Json.Nodes;

namespace Switchyard.Braze.Reconcile;

/// <summary>
/// One export request's answer: the users Braze has, by <c>external_id</c> (an id asked for and absent is a user
/// Braze does not have), or an error; <see cref="RetryAfter"/> is set when trying again later may help (429, 5xx,
/// timeouts), <see cref="DateTimeOffset.MinValue"/> meaning "after the usual pause".
/// </summary>
internal sealed record BrazeExportResult(IReadOnlyDictionary<string, JsonObject>? Users, string? Error, DateTimeOffset? RetryAfter)
{
    public static BrazeExportResult Failed(string error, DateTimeOffset? retryAfter) => new(null, error, retryAfter);
}
