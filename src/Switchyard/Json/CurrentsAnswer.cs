namespace Switchyard.Json;

/// <summary>
/// The 202 body of <c>POST /v2/currents</c>. <c>received</c> = <c>stored</c> + <c>duplicates</c> +
/// <c>skipped_without_external_id</c>: every event is accounted for.
/// </summary>
internal sealed record CurrentsAnswer(int Received, int Stored, int Duplicates, int SkippedWithoutExternalId);
