namespace Switchyard.Cli.Send;

/// <summary>A batch file that cannot be sent: the message names the line (or array index) and the field.</summary>
internal sealed class BatchFileException(string message) : Exception(message);
