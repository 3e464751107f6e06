namespace Switchyard.Sandbox.Segments;

/// <summary>An operator, the operand it takes and the attribute types it applies to.</summary>
internal sealed record SegmentOperatorEntry(
    SegmentOperator Operator,
    SegmentOperandShape Shape,
    IReadOnlyList<SegmentAttributeType> Types);
