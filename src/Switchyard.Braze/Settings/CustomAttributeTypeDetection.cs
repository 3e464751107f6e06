namespace Switchyard.Braze.Settings;

/// <summary>
/// "Enable API Custom Attribute Type Detection" (reference/mparticle.md §2.2): which string values are typed as
/// bool → long → double → date before they reach Braze. Undetected values are sent as strings.
/// </summary>
public enum CustomAttributeTypeDetection
{
    None,
    UserAttributes,
    EventAttributes,
    Both,
}
