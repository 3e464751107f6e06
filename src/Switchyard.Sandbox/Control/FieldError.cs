namespace Switchyard.Sandbox.Control;

/// <summary>One problem in a control request body; <paramref name="Field"/> is a JSON path such as <c>filter.and[1].operator</c>.</summary>
internal sealed record FieldError(string Field, string Message);
