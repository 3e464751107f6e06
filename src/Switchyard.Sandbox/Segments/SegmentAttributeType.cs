namespace Switchyard.Sandbox.Segments;

/// <summary>The attribute types Braze segment filters distinguish (reference/braze.md §5).</summary>
internal enum SegmentAttributeType
{
    String,
    Number,
    Boolean,
    Array,
    Time,
}
