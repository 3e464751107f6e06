namespace Switchyard.Core.Audiences;

/// <summary>
/// How a condition reads the value: as the operator implies (<see cref="Auto"/>), or as the type the definition's
/// <c>as</c> names, whatever type the value was sent as (mParticle's attribute type override).
/// </summary>
internal enum ComparedAs
{
    Auto,
    String,
    Number,
    Date,
    Boolean,
}
