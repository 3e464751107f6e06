using System.Text.RegularExpressions;
using Npgsql;

namespace Switchyard.Storage.Postgres;

/// <summary>
/// Reads an Npgsql connection string for the provider's own messages: checks it once, names the database it points at,
/// and scrubs its password from any text that is about to be shown, so no message, log line or error carries it.
/// </summary>
internal static partial class PostgresConnectionString
{
    /// <summary>Parses the string, or refuses it with a message that names the problem but no value of it.</summary>
    public static NpgsqlConnectionStringBuilder Parse(string connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new ArgumentException("the PostgreSQL connection string is empty; give one such as Host=db.example.com;Database=switchyard;Username=switchyard;Password=….");
        }

        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException or OverflowException)
        {
            // Npgsql names the keyword it could not take; the value (a password, say) stays out of the message.
            throw new ArgumentException($"the PostgreSQL connection string is not valid: {Scrub(connectionString, FirstLine(e.Message))}");
        }

        if (string.IsNullOrEmpty(builder.Host))
        {
            throw new ArgumentException("the PostgreSQL connection string names no server: add Host=… (a host name, an address or a socket directory).");
        }

        return builder;
    }

    /// <summary>Where the string points, without credentials: <c>PostgreSQL database 'switchyard' on db:5432</c>.</summary>
    public static string Describe(string connectionString)
    {
        var builder = Parse(connectionString);
        // Without Database, PostgreSQL takes the database named like the user; without either, the server decides.
        var database = string.IsNullOrEmpty(builder.Database) ? builder.Username : builder.Database;
        return string.IsNullOrEmpty(database)
            ? $"PostgreSQL on {builder.Host}:{builder.Port}"
            : $"PostgreSQL database '{database}' on {builder.Host}:{builder.Port}";
    }

    /// <summary>
    /// Replaces the connection string's password (as written, whatever its case or quoting) wherever it appears in
    /// <paramref name="text"/>. Works on strings Npgsql could not parse, which is when a message may echo a value.
    /// </summary>
    public static string Scrub(string connectionString, string text)
    {
        foreach (Match match in PasswordPattern().Matches(connectionString))
        {
            var value = match.Groups["value"].Value.Trim().Trim('"', '\'');
            if (value.Length > 0)
            {
                text = text.Replace(value, "***", StringComparison.Ordinal);
            }
        }

        return text;
    }

    private static string FirstLine(string message) => message.Split('\n')[0].TrimEnd();

    [GeneratedRegex(@"(?:^|;)\s*(?:password|pwd)\s*=(?<value>[^;]*)", RegexOptions.IgnoreCase)]
    private static partial Regex PasswordPattern();
}
