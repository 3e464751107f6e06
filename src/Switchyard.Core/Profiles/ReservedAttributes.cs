namespace Switchyard.Core.Profiles;

/// <summary>
/// mParticle's reserved user attributes (reference/mparticle.md §1.7), matched case-insensitively and stored under
/// these spellings.
/// </summary>
public static class ReservedAttributes
{
    public static IReadOnlyList<string> All { get; } =
        ["$Age", "$Gender", "$Country", "$Zip", "$City", "$State", "$Address", "$FirstName", "$LastName", "$Mobile"];

    /// <summary>The canonical spelling of a reserved name, or the name unchanged.</summary>
    public static string Canonical(string name)
    {
        if (name.Length > 0 && name[0] == '$')
        {
            foreach (var reserved in All)
            {
                if (string.Equals(reserved, name, StringComparison.OrdinalIgnoreCase))
                {
                    return reserved;
                }
            }
        }

        return name;
    }
}
