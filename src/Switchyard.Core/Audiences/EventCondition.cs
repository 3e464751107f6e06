using Switchyard.Core.Profiles;

namespace Switchyard.Core.Audiences;

/// <summary>A <c>where</c> condition on one occurrence's recorded event attributes (names as sent, values as strings).</summary>
internal sealed class EventCondition(string name, ValueTest test)
{
    public string Name => name;

    public bool Matches(EventOccurrence occurrence)
    {
        string? value = null;
        var present = occurrence.Attributes is { } attributes && attributes.TryGetValue(name, out value);
        return test.Matches(present, value, null);
    }
}
