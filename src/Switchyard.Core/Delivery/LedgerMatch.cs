namespace Switchyard.Core.Delivery;

/// <summary>
/// Which last-sent ledger fields of a user mention something (an audience): any field named in <see cref="Fields"/>, or
/// the field <see cref="ListField"/> whose value, a comma-separated list, holds <see cref="ListItem"/> as one element.
/// </summary>
public sealed record LedgerMatch(IReadOnlyList<string> Fields, string? ListField = null, string? ListItem = null);
