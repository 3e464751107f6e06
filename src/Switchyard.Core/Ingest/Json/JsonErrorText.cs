using System.Text.Json;

namespace Switchyard.Core.Ingest.Json;

/// <summary>
/// Turns a serializer exception into a client-facing sentence. The serializer's own message ends with
/// "Path: … | LineNumber: …", which we replace by our own path, so that part is cut off.
/// </summary>
internal static class JsonErrorText
{
    public static string Describe(JsonException ex)
    {
        if (ex is IngestJsonException)
        {
            return ex.Message;
        }

        string message = ex.Message;
        int cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut >= 0)
        {
            message = message[..cut];
        }

        return message.Contains("could not be converted", StringComparison.Ordinal)
            ? "wrong JSON type or value out of range (" + message.TrimEnd('.') + ")"
            : message.TrimEnd('.');
    }
}
