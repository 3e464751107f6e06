namespace Switchyard.Console.Components.Access;

/// <summary>What the sign-in form posts.</summary>
internal sealed class SignInForm
{
    public string? Token { get; set; }
}
