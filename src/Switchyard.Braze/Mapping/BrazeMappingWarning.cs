namespace Switchyard.Braze.Mapping;

/// <summary>
/// One thing dropped or changed while mapping. <see cref="Where"/> says where (<c>attributes</c>, <c>event 'Played'</c>);
/// <see cref="Name"/> is the key or name concerned, cut to 64 characters. No values: warnings may be logged.
/// </summary>
public sealed record BrazeMappingWarning(BrazeWarningKind Kind, string Where, string Name)
{
    public override string ToString() => $"{Kind} at {Where}: '{Name}'";
}
