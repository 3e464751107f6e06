namespace Switchyard.Sandbox.Track;

/// <summary>Unwinds a recursive nested-object validation; never escapes <see cref="NestedObjects.TryNormalize"/>.</summary>
internal sealed class InvalidNestedValueException : Exception
{
    public InvalidNestedValueException()
        : base("A nested custom attribute value is not valid.")
    {
    }

    public InvalidNestedValueException(string message)
        : base(message)
    {
    }

    public InvalidNestedValueException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
