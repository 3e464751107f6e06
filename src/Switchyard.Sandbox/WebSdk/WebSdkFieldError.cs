namespace Switchyard.Sandbox.WebSdk;

/// <summary>Why a Web SDK body was refused: the JSON path of the field (<c>events[2].data.n</c>) and what is wrong.</summary>
internal sealed record WebSdkFieldError(string Field, string Problem)
{
    public string Message => $"'{Field}' {Problem}";
}
