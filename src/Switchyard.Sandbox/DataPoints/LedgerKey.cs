using System.Security.Cryptography;
using System.Text;
using Switchyard.Sandbox.Control;

namespace Switchyard.Sandbox.DataPoints;

/// <summary>
/// A REST key as the ledger keeps it, in memory and in <c>sandbox.db</c>: a SHA-256 hex that cannot be turned back
/// into the key, and the redacted label reports show. REST keys are secrets; a data directory is not a safe.
/// </summary>
internal readonly record struct LedgerKey(string Hash, string Label)
{
    public static LedgerKey For(string apiKey) => new(HashOf(apiKey), BearerToken.Redact(apiKey));

    public static string HashOf(string apiKey) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)));
}
