namespace Switchyard.Sandbox.Currents;

/// <summary>
/// One Currents event as one mParticle batch, serialised once when the campaign is simulated so every retry sends the
/// same bytes (and so the same <c>source_message_id</c>).
/// </summary>
internal sealed record QueuedBatch(long Sequence, string SourceMessageId, ReadOnlyMemory<byte> Body);
