namespace Switchyard.Sandbox.Hosting;

/// <summary>A REST key the sandbox accepts, with the permissions it grants (none listed = all).</summary>
public sealed class SandboxApiKey
{
    public SandboxApiKey(string key, params string[] permissions)
    {
        Key = key;
        Permissions = permissions;
    }

    /// <summary>The bearer token value.</summary>
    public string Key { get; }

    /// <summary>Permission names such as <c>users.track</c>; see <see cref="Auth.SandboxPermissions"/>.</summary>
    public IReadOnlyList<string> Permissions { get; }
}
