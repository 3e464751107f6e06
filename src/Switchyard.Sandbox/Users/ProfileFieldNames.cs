namespace Switchyard.Sandbox.Users;

/// <summary>Braze names of the standard profile fields (reference/braze.md §1.3).</summary>
internal static class ProfileFieldNames
{
    public const string FirstName = "first_name";
    public const string LastName = "last_name";
    public const string Email = "email";
    public const string Phone = "phone";
    public const string HomeCity = "home_city";
    public const string Gender = "gender";
    public const string Dob = "dob";
    public const string Country = "country";
    public const string Language = "language";
    public const string TimeZone = "time_zone";
    public const string EmailSubscribe = "email_subscribe";
    public const string PushSubscribe = "push_subscribe";
    public const string SubscriptionGroups = "subscription_groups";
    public const string PushTokens = "push_tokens";
    public const string CurrentLocation = "current_location";
    public const string DateOfFirstSession = "date_of_first_session";
    public const string DateOfLastSession = "date_of_last_session";
    public const string MarkedEmailAsSpamAt = "marked_email_as_spam_at";
    public const string EmailOpenTrackingDisabled = "email_open_tracking_disabled";
    public const string EmailClickTrackingDisabled = "email_click_tracking_disabled";
    public const string Facebook = "facebook";
    public const string Twitter = "twitter";
    public const string Bio = "bio";

    /// <summary>Fields stored in <see cref="SandboxUser.Profile"/> and exported as top-level user fields.</summary>
    public static IReadOnlyList<string> Stored { get; } =
    [
        FirstName, LastName, Email, Phone, HomeCity, Gender, Dob, Country, Language, TimeZone, EmailSubscribe,
        PushSubscribe, CurrentLocation, DateOfFirstSession, DateOfLastSession, MarkedEmailAsSpamAt,
        EmailOpenTrackingDisabled, EmailClickTrackingDisabled, Facebook, Twitter,
    ];

    private static readonly HashSet<string> AllNames = new(Stored.Concat([SubscriptionGroups, PushTokens, Bio]), StringComparer.Ordinal);

    public static bool IsProfileField(string name) => AllNames.Contains(name);
}
