using System.Text.Json;

namespace Switchyard.Core.Audiences;

/// <summary>
/// One node of an audience's criteria, exactly as the JSON writes it. A node is one kind, told by which field it
/// sets: a group (<see cref="And"/>, <see cref="Or"/>, <see cref="Not"/>), a user attribute condition
/// (<see cref="Attribute"/>), an identity that must exist (<see cref="Identity"/>), an event criterion
/// (<see cref="Event"/>), audience membership (<see cref="MemberOf"/>), consent state (<see cref="Consent"/>), a device
/// field (<see cref="Device"/>), location (<see cref="Location"/>) or first/last seen (<see cref="Seen"/>). The flat shape keeps the JSON free of a type
/// discriminator; the parser rejects nodes that mix kinds.
/// </summary>
public sealed class Criterion
{
    public IReadOnlyList<Criterion>? And { get; init; }

    public IReadOnlyList<Criterion>? Or { get; init; }

    /// <summary>Exclude: true when the inner criterion is false.</summary>
    public Criterion? Not { get; init; }

    /// <summary>A user attribute name (in <see cref="Where"/>: an event attribute name).</summary>
    public string? Attribute { get; init; }

    /// <summary>For attribute conditions: <c>exists</c>, <c>equals</c>, <c>contains</c>, <c>pattern</c>, <c>greater_than</c>... (docs/audiences.md).</summary>
    public string? Operator { get; init; }

    /// <summary>The operand: a string, number or boolean; the lower bound of <c>between</c>.</summary>
    public JsonElement? Value { get; init; }

    /// <summary>The upper bound of <c>between</c> (inclusive).</summary>
    public double? Max { get; init; }

    /// <summary>Compare the value as <c>string</c>, <c>number</c>, <c>date</c> or <c>boolean</c>, whatever type it was sent as.</summary>
    public string? As { get; init; }

    /// <summary>
    /// An identity wire name (<c>email</c>, <c>customer_id</c>...) or <c>device:&lt;device_info field&gt;</c>. Without an
    /// operator the identity must exist; with one its value is compared.
    /// </summary>
    public string? Identity { get; init; }

    /// <summary>A consent purpose: <c>gdpr:&lt;purpose&gt;</c> or <c>ccpa:data_sale_opt_out</c>.</summary>
    public string? Consent { get; init; }

    /// <summary>For <see cref="Consent"/>: the decision the user must have recorded.</summary>
    public bool? Consented { get; init; }

    /// <summary>A device field kept from the user's latest batch: <c>platform</c>, <c>os_version</c>, <c>device_model</c>...</summary>
    public string? Device { get; init; }

    /// <summary><c>country</c>, <c>region</c>, <c>city</c> or <c>zip</c>: the reserved user attributes <c>$Country</c>, <c>$State</c>, <c>$City</c>, <c>$Zip</c>.</summary>
    public string? Location { get; init; }

    /// <summary><c>first</c> or <c>last</c>: when the user was first or last seen, compared with a date operator.</summary>
    public string? Seen { get; init; }

    public EventSelector? Event { get; init; }

    /// <summary>How many matching occurrences; at least 1 when absent.</summary>
    public EventCount? Count { get; init; }

    /// <summary>Rolling window: occurrences in (now − N×24h, now].</summary>
    public int? WithinDays { get; init; }

    /// <summary>Whole UTC days, both ends inclusive.</summary>
    public DateRange? Between { get; init; }

    /// <summary>Attribute conditions every counted occurrence must meet (on its event attributes).</summary>
    public IReadOnlyList<Criterion>? Where { get; init; }

    /// <summary>The id of an audience the user must currently belong to (that audience must not use member_of itself).</summary>
    public int? MemberOf { get; init; }
}
