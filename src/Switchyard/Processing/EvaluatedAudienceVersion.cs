using System.Globalization;

namespace Switchyard.Processing;

/// <summary>
/// The audience-store version that every profile has been evaluated against, kept in the data directory
/// (<c>audiences-evaluated.txt</c>). It is written only after a full re-evaluation completes, so a crash or an error
/// part-way leaves the old version and the work is done again on the next start or loop.
/// </summary>
internal sealed class EvaluatedAudienceVersion(string dataDirectory)
{
    public const string FileName = "audiences-evaluated.txt";

    private string Path => System.IO.Path.Combine(dataDirectory, FileName);

    public long? Read()
    {
        try
        {
            return long.TryParse(File.ReadAllText(Path).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var version) ? version : null;
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    public void Write(long version)
    {
        var temporary = Path + ".tmp";
        Storage.Sqlite.PrivateFiles.WriteAllText(temporary, version.ToString(CultureInfo.InvariantCulture));
        File.Move(temporary, Path, overwrite: true);
    }
}
