namespace Switchyard.Core.Audiences;

/// <summary>What a value condition reads, which decides the operators it may use.</summary>
internal enum ConditionScope
{
    UserAttribute,
    EventAttribute,
    Identity,
    Device,
    Seen,
}
