namespace Switchyard.Core.Privacy;

/// <summary>Why a submission was refused, naming the field (a JSON path such as <c>subject_identities.email.value</c>).</summary>
public sealed record DsrFieldError(string Field, string Message);
