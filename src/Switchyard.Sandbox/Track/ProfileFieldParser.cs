using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Switchyard.Sandbox.Reference;
using Switchyard.Sandbox.Time;
using Switchyard.Sandbox.Users;
using static Switchyard.Sandbox.Users.ProfileFieldNames;

namespace Switchyard.Sandbox.Track;

/// <summary>
/// Validates standard profile fields (reference/braze.md §1.3) and prices them (§4): every field set costs 1, except
/// the free ones (subscriptions, push tokens) and country/language, which only cost when actually set.
/// </summary>
internal static partial class ProfileFieldParser
{
    public static ProfileChange Parse(string field, JsonNode? value)
    {
        var isNull = value is null || value.GetValueKind() == JsonValueKind.Null;
        return field switch
        {
            FirstName or LastName or HomeCity => isNull ? Remove(field) : PlainString(field, value!),
            Email => isNull ? Remove(field) : ParseEmail(value!),
            Phone => isNull ? Remove(field) : ParsePhone(value!),
            Gender => isNull ? Remove(field) : ParseGender(value!),
            Dob => isNull ? Remove(field) : ParseDob(value!),
            Country => isNull ? Remove(field, dataPoints: 0) : ParseCountry(value!),
            Language => isNull ? Remove(field, dataPoints: 0) : ParseLanguage(value!),
            ProfileFieldNames.TimeZone => isNull ? Remove(field) : ParseTimeZone(value!),
            EmailSubscribe or PushSubscribe => ParseSubscribe(field, value),
            SubscriptionGroups => ParseSubscriptionGroups(value),
            PushTokens => ParsePushTokens(value),
            CurrentLocation => isNull ? Remove(field) : ParseLocation(value!),
            DateOfFirstSession or DateOfLastSession or MarkedEmailAsSpamAt => isNull ? Remove(field) : ParseDate(field, value!),
            EmailOpenTrackingDisabled or EmailClickTrackingDisabled => ParseBoolean(field, value),
            Facebook or Twitter => isNull ? Remove(field) : ParseSocial(field, value!),

            // §1.3: bio was removed and is not stored, not even as a custom attribute.
            Bio => ProfileChange.Ignore(),
            _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Not a profile field."),
        };
    }

    private static ProfileChange Remove(string field, int dataPoints = 1) =>
        ProfileChange.Set((user, _) => user.Profile.Remove(field), dataPoints);

    private static ProfileChange Store(string field, JsonNode stored, int dataPoints = 1) =>
        ProfileChange.Set((user, _) => user.Profile[field] = stored.DeepClone(), dataPoints);

    private static bool TryString(JsonNode value, out string text)
    {
        text = value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : string.Empty;
        return value.GetValueKind() == JsonValueKind.String;
    }

    private static ProfileChange PlainString(string field, JsonNode value) =>
        TryString(value, out var text) && text.Length <= 255
            ? Store(field, JsonValue.Create(text))
            : ProfileChange.Fail(TrackErrors.Invalid(field));

    private static ProfileChange ParseEmail(JsonNode value) =>
        TryString(value, out var email) && ContactFormats.IsValidEmail(email)
            ? Store(Email, JsonValue.Create(email))
            : ProfileChange.Fail(TrackErrors.InvalidEmail);

    private static ProfileChange ParsePhone(JsonNode value) =>
        TryString(value, out var phone) && ContactFormats.TryNormalizePhone(phone, out var normalized)
            ? Store(Phone, JsonValue.Create(normalized))
            : ProfileChange.Fail(TrackErrors.Invalid(Phone));

    private static ProfileChange ParseGender(JsonNode value)
    {
        // §1.3: M, F, O, N, P. Lower case is accepted and upper-cased (UNVERIFIED leniency).
        if (TryString(value, out var text) && text.Length == 1 && "MFONP".Contains(char.ToUpperInvariant(text[0]), StringComparison.Ordinal))
        {
            return Store(Gender, JsonValue.Create(text.ToUpperInvariant()));
        }

        return ProfileChange.Fail(TrackErrors.Invalid(Gender));
    }

    private static ProfileChange ParseDob(JsonNode value) =>
        TryString(value, out var text)
        && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var dob)
            ? Store(Dob, JsonValue.Create(dob.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))
            : ProfileChange.Fail(TrackErrors.Invalid(Dob));

    private static ProfileChange ParseCountry(JsonNode value)
    {
        // §1.3: Braze maps what it can and otherwise stores null: alpha-2 codes, then the names in CountryNames; anything
        // else clears the field. Clearing is not "setting", so it is free (§4).
        if (TryString(value, out var code) && code.Length == 2 && CountryCodes.Contains(code))
        {
            return Store(Country, JsonValue.Create(code.ToUpperInvariant()));
        }

        if (code.Length > 2 && CountryNames.TryMap(code, out var mapped))
        {
            return Store(Country, JsonValue.Create(mapped));
        }

        return Remove(Country, dataPoints: 0);
    }

    private static ProfileChange ParseLanguage(JsonNode value)
    {
        // An unknown language is ignored rather than failing the object (UNVERIFIED, docs/sandbox.md).
        if (TryString(value, out var code) && code.Length == 2 && LanguageCodes.Contains(code))
        {
            return Store(Language, JsonValue.Create(code.ToLowerInvariant()));
        }

        return ProfileChange.Ignore();
    }

    private static ProfileChange ParseTimeZone(JsonNode value)
    {
        // §1.3: an invalid time zone is ignored, so it is neither stored nor billed.
        if (TryString(value, out var id) && id.Length > 0 && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) && zone.HasIanaId)
        {
            return Store(ProfileFieldNames.TimeZone, JsonValue.Create(id));
        }

        return ProfileChange.Ignore();
    }

    private static ProfileChange ParseSubscribe(string field, JsonNode? value) =>
        value is not null && TryString(value, out var state) && state is "opted_in" or "subscribed" or "unsubscribed"
            ? Store(field, JsonValue.Create(state), dataPoints: 0)
            : ProfileChange.Fail(TrackErrors.Invalid(field));

    private static ProfileChange ParseLocation(JsonNode value)
    {
        if (value is JsonObject location
            && TryNumber(location["latitude"], out var latitude) && latitude is >= -90 and <= 90
            && TryNumber(location["longitude"], out var longitude) && longitude is >= -180 and <= 180)
        {
            return Store(CurrentLocation, new JsonObject { ["latitude"] = latitude, ["longitude"] = longitude });
        }

        return ProfileChange.Fail(TrackErrors.Invalid(CurrentLocation));
    }

    private static ProfileChange ParseDate(string field, JsonNode value) =>
        TryString(value, out var text) && BrazeTime.TryParse(text, out var time)
            ? Store(field, JsonValue.Create(BrazeTime.Format(time)))
            : ProfileChange.Fail(TrackErrors.Invalid(field));

    private static ProfileChange ParseBoolean(string field, JsonNode? value) =>
        value?.GetValueKind() is JsonValueKind.True or JsonValueKind.False
            ? Store(field, JsonValue.Create(value.GetValue<bool>()))
            : ProfileChange.Fail(TrackErrors.Invalid(field));

    private static ProfileChange ParseSocial(string field, JsonNode value) =>
        value is JsonObject
            ? Store(field, value.DeepClone())
            : ProfileChange.Fail(TrackErrors.Invalid(field));

    internal static bool TryNumber(JsonNode? node, out double number)
    {
        number = 0;
        if (node?.GetValueKind() != JsonValueKind.Number)
        {
            return false;
        }

        number = node.GetValue<double>();
        return true;
    }
}
