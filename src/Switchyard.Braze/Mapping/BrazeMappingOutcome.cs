namespace Switchyard.Braze.Mapping;

/// <summary>What one batch maps to: a <see cref="BrazeUserUpdate"/>, or <see cref="BrazeSkipped"/> with the reason.</summary>
public abstract record BrazeMappingOutcome
{
    private protected BrazeMappingOutcome()
    {
    }
}
