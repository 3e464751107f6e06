namespace Switchyard.Json;

/// <summary>
/// The 202 body of a bulk request whose batches partly failed: how many batches were accepted (stored, or repeats of
/// stored ones) and, for each refused batch, its index in the request's array and why. mParticle answers 202 without
/// a body here (https://docs.mparticle.com/developers/apis/http/); the report is Switchyard's addition, so a client
/// can fix and resend just the refused batches.
/// </summary>
internal sealed record BulkAnswer(int Accepted, IReadOnlyList<RefusedBatch> Refused);
