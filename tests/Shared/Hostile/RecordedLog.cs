using Microsoft.Extensions.Logging;

namespace Switchyard.Testing.Hostile;

internal sealed record RecordedLog(LogLevel Level, string Category, int EventId, string Message, Exception? Exception);
