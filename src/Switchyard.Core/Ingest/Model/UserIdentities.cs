using System.Text.Json.Serialization;

namespace Switchyard.Core.Ingest.Model;

/// <summary>
/// A batch's <c>user_identities</c> (reference/mparticle.md §1.5). Both <c>customer_id</c> and <c>customerid</c>
/// (what the Node SDK and Braze Currents send) land in <see cref="CustomerId"/>; if both are present,
/// <c>customer_id</c> wins. Unknown identity keys are ignored.
/// </summary>
public sealed class UserIdentities
{
    private string? _customerIdAlias;

    public string? CustomerId { get => field ?? _customerIdAlias; set; }

    public string? Email { get; set; }

    public string? Other { get; set; }

    [JsonPropertyName("other_id_2")]
    public string? OtherId2 { get; set; }

    [JsonPropertyName("other_id_3")]
    public string? OtherId3 { get; set; }

    [JsonPropertyName("other_id_4")]
    public string? OtherId4 { get; set; }

    [JsonPropertyName("other_id_5")]
    public string? OtherId5 { get; set; }

    [JsonPropertyName("other_id_6")]
    public string? OtherId6 { get; set; }

    [JsonPropertyName("other_id_7")]
    public string? OtherId7 { get; set; }

    [JsonPropertyName("other_id_8")]
    public string? OtherId8 { get; set; }

    [JsonPropertyName("other_id_9")]
    public string? OtherId9 { get; set; }

    [JsonPropertyName("other_id_10")]
    public string? OtherId10 { get; set; }

    public string? Facebook { get; set; }

    public string? Twitter { get; set; }

    public string? Google { get; set; }

    public string? Microsoft { get; set; }

    public string? Yahoo { get; set; }

    public string? Alias { get; set; }

    public string? FacebookCustomAudienceId { get; set; }

    public string? MobileNumber { get; set; }

    [JsonPropertyName("phone_number_2")]
    public string? PhoneNumber2 { get; set; }

    [JsonPropertyName("phone_number_3")]
    public string? PhoneNumber3 { get; set; }

    /// <summary>The <c>customerid</c> spelling; read only, never written back (see the class remarks).</summary>
    [JsonInclude]
    [JsonPropertyName("customerid")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    internal string? CustomerIdAlias { get => null; set => _customerIdAlias = value; }
}
