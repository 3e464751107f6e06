namespace Switchyard.Admin;

/// <summary>The admin API's token (from the workspace file, or generated and kept in the data directory).</summary>
internal sealed record AdminSettings(string Token)
{
    public override string ToString() => "AdminSettings { Token = *** }";
}
