namespace Switchyard.Json;

/// <summary>The error body every endpoint returns: <c>{"errors":[{"code":"...","message":"..."}]}</c> (reference/mparticle.md §1.1).</summary>
internal sealed record ErrorBody(IReadOnlyList<ErrorItem> Errors)
{
    public static ErrorBody Of(string code, string message) => new([new ErrorItem(code, message)]);
}

internal sealed record ErrorItem(string Code, string Message);
