namespace Switchyard.Core.Audiences;

/// <summary>Whole UTC days <c>yyyy-MM-dd</c>, both inclusive (mParticle's "between" dates, reference/mparticle.md §6).</summary>
public sealed class DateRange
{
    public string? From { get; init; }

    public string? To { get; init; }
}
