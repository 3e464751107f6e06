namespace Switchyard.Storage.Sqlite;

/// <summary>
/// A cap on the size of the profile store's database file, in pages (SQLite's <c>max_page_count</c>), applied to each
/// connection the store opens for its short delivery transactions. A write that would grow the file past it fails with
/// SQLite's own "database or disk is full", exactly as on a full disk. Tests set it to make storage fail and lift it to
/// recover, without mounting anything; SQLite never lowers the cap below the file's current size.
/// </summary>
public sealed class SqlitePageCap
{
    /// <summary>SQLite's default largest page count, used when the cap is lifted.</summary>
    private const long Unlimited = 1_073_741_823;

    private long _pages = Unlimited;

    /// <summary>The cap in pages, or null for none.</summary>
    public long? Pages
    {
        get
        {
            var pages = Interlocked.Read(ref _pages);
            return pages == Unlimited ? null : pages;
        }

        set => Interlocked.Exchange(ref _pages, value is { } pages ? Math.Clamp(pages, 1, Unlimited) : Unlimited);
    }

    internal string Pragma => $"PRAGMA max_page_count={Interlocked.Read(ref _pages).ToString(System.Globalization.CultureInfo.InvariantCulture)};";
}
