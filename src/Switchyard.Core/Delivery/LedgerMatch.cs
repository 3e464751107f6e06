namespace Switchyard.Core.Delivery;

/// <summary>
/// Which last-sent ledger fields of a user mention something (an audience): any field named in <see cref="Fields"/>, or
/// the field <see cref="ListField"/> whose value, a comma-separated list, holds <see cref="ListItem"/> as one element,
/// bare or in single quotes (<c>7,70</c> and <c>'7','70'</c> both hold <c>7</c>).
/// </summary>
public sealed record LedgerMatch(IReadOnlyList<string> Fields, string? ListField = null, string? ListItem = null);
