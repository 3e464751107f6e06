namespace Switchyard.Core.Delivery;

/// <summary>
/// Work for one output about one user, enqueued by the processor in the same transaction as the profile changes that
/// produced it (<see cref="Profiles.IProfileSession.Enqueue"/>), so a crash neither loses nor duplicates it.
/// </summary>
/// <param name="OutputId">The output (connection) that will deliver it.</param>
/// <param name="Mpid">The user; delivery keeps each user's items in enqueue order.</param>
/// <param name="Payload">JSON the output understands; the store keeps it as given.</param>
/// <param name="CreatedAtMs">When it was produced; also its first due time.</param>
public sealed record OutboxEntry(string OutputId, long Mpid, string Payload, long CreatedAtMs);
