namespace Switchyard.Core.Privacy;

/// <summary>
/// One Braze <c>/users/delete</c> request of an erasure: up to 50 ids of one kind (Braze's limit), for the Braze
/// workspace of <see cref="OutputId"/> (the first Braze output using that REST key; the key itself is not stored).
/// </summary>
/// <param name="State"><c>queued</c>, <c>sent</c> (Braze acknowledged) or <c>dead</c> (refused, or out of attempts).</param>
public sealed record DsrDeletion(long Id, string RequestId, string OutputId, string IdKind, IReadOnlyList<string> Ids, string State, int Attempts, string? LastError);
