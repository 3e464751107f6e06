namespace Switchyard.Sandbox.Track;

/// <summary>Error <c>type</c> texts; the first three follow fixtures quoted in reference/braze.md §1.7 (UNVERIFIED).</summary>
internal static class TrackErrors
{
    public const string MissingIdentifier = "'external_id', 'braze_id', 'user_alias', 'email' or 'phone' is required";
    public const string InvalidQuantity = "'quantity' is not valid";
    public const string InvalidEmail = "The value provided for the 'email' field is not a valid email.";
    public const string NotAnObject = "Each element must be a JSON object";
    public const string IdentifiedTokenImport = "'push_token_import' cannot be combined with 'external_id', 'user_alias' or 'braze_id'";
    public const string AllInvalid = "Valid data must be provided in the 'attributes', 'events', or 'purchases' fields.";

    public static string Invalid(string field) => $"The value provided for the '{field}' field is not valid.";

    public static string Required(string field) => $"'{field}' is required";
}
