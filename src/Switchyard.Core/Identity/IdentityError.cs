namespace Switchyard.Core.Identity;

/// <summary>A refused identity call: an HTTP status, a code and a message naming the field.</summary>
public sealed record IdentityError(int Status, string Code, string Message)
{
    public static IdentityError BadRequest(string message) => new(400, "VALIDATION_ERROR", message);

    public static IdentityError NotFound(string message) => new(404, "NOT_FOUND_ERROR", message);
}
