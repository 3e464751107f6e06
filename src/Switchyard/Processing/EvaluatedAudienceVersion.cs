using System.Globalization;

namespace Switchyard.Processing;

/// <summary>
/// Where earlier Switchyards kept the audience version every profile had been evaluated against: a file in the data
/// directory (<c>audiences-evaluated.txt</c>). It is read once, when the audience store has no such record yet, moved
/// into the store (<see cref="AudienceRuntime"/>) and deleted.
/// </summary>
/// <remarks>
/// The file names the evaluation's generation after the version. A file without it comes from evaluations that did not
/// yet fill the expiry index and reads as <see cref="Stale"/>, so every profile is evaluated once more.
/// </remarks>
internal sealed class EvaluatedAudienceVersion(string dataDirectory)
{
    public const string FileName = "audiences-evaluated.txt";

    /// <summary>The generation a stale file is recorded under in the store.</summary>
    public const string OlderGeneration = "before-expiry-index";

    /// <summary>Read from a file of an older generation.</summary>
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

            return parts.Length == 2 && parts[1] == AudienceRuntime.Generation ? version : Stale;
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    public void Delete() => File.Delete(Path);
}
