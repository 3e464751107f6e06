using System.Globalization;

namespace Switchyard.Processing;

/// <summary>
/// The audience-store version that every profile has been evaluated against, kept in the data directory
/// (<c>audiences-evaluated.txt</c>). It is written only after a full re-evaluation completes, so a crash or an error
/// part-way leaves the old version and the work is done again on the next start or loop.
/// </summary>
/// <remarks>
/// The file names the evaluation's generation after the version (<see cref="Generation"/>). A file from an older
/// generation (evaluations that did not yet fill the expiry index) reads as "never evaluated", so the first start of a
/// newer Switchyard evaluates every profile once and every profile gets its place in the index.
/// </remarks>
internal sealed class EvaluatedAudienceVersion(string dataDirectory)
{
    public const string FileName = "audiences-evaluated.txt";

    /// <summary>What a full evaluation of this Switchyard writes besides memberships: the expiry index.</summary>
    public const string Generation = "expiry-index";

    /// <summary>Read from a file of an older generation: no stored version equals it, so a full evaluation follows.</summary>
    public const long Stale = long.MinValue;

    private string Path => System.IO.Path.Combine(dataDirectory, FileName);

    public long? Read()
    {
        try
        {
            var parts = File.ReadAllText(Path).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (parts.Length == 0 || !long.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var version))
            {
                return null;
            }

            return parts.Length == 2 && parts[1] == Generation ? version : Stale;
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    public void Write(long version)
    {
        var temporary = Path + ".tmp";
        Storage.Sqlite.PrivateFiles.WriteAllText(temporary, version.ToString(CultureInfo.InvariantCulture) + " " + Generation);
        File.Move(temporary, Path, overwrite: true);
    }
}
