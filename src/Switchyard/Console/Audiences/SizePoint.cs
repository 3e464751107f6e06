namespace Switchyard.Console.Audiences;

/// <summary>An audience's member count at one moment.</summary>
internal sealed record SizePoint(DateTimeOffset At, long Size);
