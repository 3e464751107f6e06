namespace Switchyard.Core.Delivery.Engine;

/// <summary>
/// One request an output sent, as the engine counts it (<c>switchyard.delivery.requests.sent</c>,
/// <c>.request.objects</c>) and watches it (<see cref="OutputHealth"/>: failing, recovered, paused).
/// </summary>
/// <param name="StatusCode">The HTTP status, or null when no answer arrived (timeout, connection refused).</param>
/// <param name="Objects">What the request carried, in the destination's unit (Braze objects, mParticle batches).</param>
/// <param name="RetryReason">When the request as a whole must be retried: why (logged once when failures start).</param>
/// <param name="PauseUntil">After a 429: when the destination takes requests again (the gate is paused by the output).</param>
public sealed record RequestReport(int? StatusCode, int Objects, string? RetryReason = null, DateTimeOffset? PauseUntil = null);
