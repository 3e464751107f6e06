namespace Switchyard.Braze.Settings;

/// <summary>A Braze cluster (reference/braze.md §3), or <see cref="Custom"/> with its own REST endpoint.</summary>
public enum BrazeInstance
{
    Us01,
    Us02,
    Us03,
    Us04,
    Us05,
    Us06,
    Us07,
    Us08,
    Us10,
    Eu01,
    Eu02,
    Au01,
    Id01,
    Jp01,
    Kr01,
    Custom,
}
