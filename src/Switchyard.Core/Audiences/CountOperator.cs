namespace Switchyard.Core.Audiences;

internal enum CountOperator
{
    AtLeast,
    Exactly,
    AtMost,
    Between,
}
