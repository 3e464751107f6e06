using System.Globalization;
using Switchyard.Core.Ingest.Model;
using Switchyard.Core.Profiles;

namespace Switchyard.Braze.Mapping;

/// <summary>User attributes → Braze profile fields and custom attributes (reference/mparticle.md §2.3 "Profile mapping").</summary>
public static partial class BrazeUserMapper
{
    /// <summary>Keys that would change who or what the attributes object is about rather than set an attribute (reference/braze.md §1.2–1.3).</summary>
    private static readonly HashSet<string> ControlKeys = new(StringComparer.Ordinal)
    {
        "external_id", "user_alias", "braze_id", "_update_existing_only", "push_token_import", "push_tokens", "_merge_objects",
    };

    private static void MapAttributes(MappingRun run, Profile profile)
    {
        string? dobFromAge = null;
        BrazeValue? exactDob = null;
        foreach (var (name, value) in AttributeSource(run, profile))
        {
            var canonical = ReservedAttributes.Canonical(name);
            switch (canonical)
            {
                case "$FirstName":
                    ProfileField(run, "first_name", value);
                    break;
                case "$LastName":
                    ProfileField(run, "last_name", value);
                    break;
                case "$Country":
                    ProfileField(run, "country", value);
                    break;
                case "$City":
                    ProfileField(run, "home_city", value);
                    break;
                case "$Mobile":
                    if (value.AsText is { } phone && !ContactChecks.IsPlausiblePhone(phone))
                    {
                        run.WarnAttribute(BrazeWarningKind.InvalidValue, "$Mobile");
                    }
                    else
                    {
                        ProfileField(run, "phone", value);
                    }

                    break;
                case "$Gender":
                    Gender(run, value);
                    break;
                case "$Age":
                    if (value.Deleted)
                    {
                        run.AttributeBag.Set("dob", BrazeValue.Null);
                    }
                    else
                    {
                        dobFromAge = DobFromAge(run, value) ?? dobFromAge;
                    }

                    break;
                case "$Zip":
                    // Always a string, whatever the type detection: a zip code is not a number (§2.2).
                    Custom(run, "Zip", value, detect: false);
                    break;
                case "dob":
                    exactDob = ExactDob(run, value) ?? exactDob;
                    break;
                case "email_subscribe" or "push_subscribe":
                    Subscription(run, canonical, value);
                    break;
                default:
                    Custom(run, name, value, run.DetectUserTypes);
                    break;
            }
        }

        // An exact date of birth beats one derived from an age.
        var dob = exactDob ?? (dobFromAge is null ? null : BrazeValue.Of(dobFromAge));
        if (dob is not null)
        {
            run.AttributeBag.Set("dob", dob);
        }
    }

    /// <summary>
    /// Enriched (the default): the profile's current attributes — it already holds this batch's writes, merged
    /// last-writer-wins — plus removals made in this batch. Otherwise only what the batch itself set or removed, through
    /// <c>user_attribute_change</c> events and its attribute map.
    /// </summary>
    private static IEnumerable<(string Name, UserValue Value)> AttributeSource(MappingRun run, Profile profile)
    {
        var batch = run.Batch;
        var removedHere = new HashSet<string>(batch.DeletedUserAttributes.Select(ReservedAttributes.Canonical), StringComparer.Ordinal);
        if (run.Settings.IncludeEnrichedUserAttributes)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (name, stored) in profile.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal))
            {
                seen.Add(name);
                if (!stored.Deleted)
                {
                    yield return (name, UserValue.From(stored));
                }
                else if (removedHere.Contains(name))
                {
                    yield return (name, UserValue.Removed);
                }
            }

            foreach (var (name, value) in batch.UserAttributes)
            {
                if (seen.Add(ReservedAttributes.Canonical(name)))
                {
                    yield return (name, UserValue.From(value));
                }
            }

            foreach (var name in removedHere)
            {
                if (seen.Add(name))
                {
                    yield return (name, UserValue.Removed);
                }
            }

            yield break;
        }

        // user_attribute_change events first: the batch-level map is the state as of the batch and wins (as in processing).
        foreach (var e in batch.Events)
        {
            if (e.Data is UserAttributeChangeEventData { UserAttributeName: { Length: > 0 } changed } change)
            {
                yield return (changed, change.Deleted == true ? UserValue.Removed : UserValue.From(change.New));
            }
        }

        foreach (var (name, value) in batch.UserAttributes)
        {
            yield return (name, UserValue.From(value));
        }

        foreach (var name in batch.DeletedUserAttributes)
        {
            yield return (name, UserValue.Removed);
        }
    }

    /// <summary>A string profile field: removed or tagged → null (clears it), a list → comma-joined.</summary>
    private static void ProfileField(MappingRun run, string field, UserValue value)
    {
        run.AttributeBag.Set(field, value.AsText is { } text ? BrazeValue.Of(Truncated(run, field, text)) : BrazeValue.Null);
    }

    /// <summary>
    /// Braze takes <c>M|F|O|N|P</c> (reference/braze.md §1.3); mParticle's <c>$Gender</c> is free text. UNVERIFIED
    /// mapping (docs/braze-mapping.md): m/male → M, f/female → F, n/"not applicable" → N, p/"prefer not to say" → P,
    /// any other non-empty value → O.
    /// </summary>
    private static void Gender(MappingRun run, UserValue value)
    {
        if (value.AsText is not { } text || text.Trim().Length == 0)
        {
            run.AttributeBag.Set("gender", BrazeValue.Null);
            return;
        }

        var code = text.Trim().ToLowerInvariant() switch
        {
            "m" or "male" => "M",
            "f" or "female" => "F",
            "n" or "not applicable" => "N",
            "p" or "prefer not to say" => "P",
            _ => "O",
        };
        run.AttributeBag.Set("gender", BrazeValue.Of(code));
    }

    /// <summary><c>$Age</c> → January 1 of (this year − age) (reference/mparticle.md §2.3).</summary>
    private static string? DobFromAge(MappingRun run, UserValue value)
    {
        var text = value.AsText;
        if (text is not null
            && double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var age)
            && age is >= 0 and <= 150)
        {
            var year = run.Now.UtcDateTime.Year - (int)Math.Floor(age);
            return new DateOnly(year, 1, 1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        if (value.IsTag)
        {
            return null;
        }

        run.WarnAttribute(BrazeWarningKind.InvalidValue, "$Age");
        return null;
    }

    /// <summary>An attribute <c>dob</c> in <c>yyyy-MM-dd</c> is Braze's date of birth as is; a removal clears it.</summary>
    private static BrazeValue? ExactDob(MappingRun run, UserValue value)
    {
        if (value.Deleted || value.IsTag)
        {
            return BrazeValue.Null;
        }

        if (value.AsText is { } text && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            return BrazeValue.Of(text);
        }

        run.WarnAttribute(BrazeWarningKind.InvalidValue, "dob");
        return null;
    }

    /// <summary><c>email_subscribe</c>/<c>push_subscribe</c> set the global subscription state, never a custom attribute.</summary>
    private static void Subscription(MappingRun run, string field, UserValue value)
    {
        if (value.Deleted || value.IsTag)
        {
            return;
        }

        var state = value.AsText?.Trim().ToLowerInvariant();
        if (state is "subscribed" or "unsubscribed" or "opted_in")
        {
            run.AttributeBag.Set(field, BrazeValue.Of(state));
        }
        else
        {
            run.WarnAttribute(BrazeWarningKind.InvalidValue, field);
        }
    }

    /// <summary>Any other attribute: a custom attribute named without its leading <c>$</c>.</summary>
    private static void Custom(MappingRun run, string name, UserValue value, bool detect)
    {
        if (CustomKey(run, name, "attributes") is not { } key)
        {
            return;
        }

        if (ControlKeys.Contains(key))
        {
            run.WarnAttribute(BrazeWarningKind.ReservedKey, key);
            return;
        }

        BrazeValue brazeValue;
        if (value.Deleted)
        {
            brazeValue = BrazeValue.Null;
        }
        else if (value.IsTag)
        {
            brazeValue = run.Settings.UserTagsValue is { } tag ? BrazeValue.Of(tag) : BrazeValue.Null;
        }
        else if (value.Kind is AttributeValueKind.Array or AttributeValueKind.Object)
        {
            // Custom attributes take arrays (from lists) but not objects (seed "Data mapping"); ingest only lets raw
            // JSON values into event attributes, so this guards a profile written by something else.
            run.WarnAttribute(BrazeWarningKind.UnsupportedValue, key);
            return;
        }
        else if (value.Kind == AttributeValueKind.StringList)
        {
            brazeValue = run.Settings.SendUserAttributeListsAsArrays
                ? new BrazeArray([.. (value.List ?? []).Select(item => BrazeValue.Of(Truncated(run, key, item)))])
                : BrazeValue.Of(Truncated(run, key, value.AsText ?? ""));
        }
        else
        {
            var text = value.Text ?? "";
            brazeValue = detect ? TypeDetection.Detect(text) : BrazeValue.Of(text);
            if (brazeValue is BrazeString s)
            {
                brazeValue = BrazeValue.Of(Truncated(run, key, s.Value));
            }
        }

        run.AttributeBag.Set(key, brazeValue);
    }

    /// <summary>A property or custom attribute key with its leading <c>$</c> stripped, or null (with a warning) when empty or over 255.</summary>
    private static string? CustomKey(MappingRun run, string name, string where)
    {
        var key = name.TrimStart('$');
        if (key.Length == 0)
        {
            run.Warn(BrazeWarningKind.EmptyKey, where, name);
            return null;
        }

        if (BrazeLimits.TooLong(key))
        {
            run.Warn(BrazeWarningKind.KeyTooLong, where, key);
            return null;
        }

        return key;
    }

    private static string Truncated(MappingRun run, string key, string text)
    {
        if (!BrazeLimits.TooLong(text))
        {
            return text;
        }

        run.WarnAttribute(BrazeWarningKind.ValueTruncated, key);
        return BrazeLimits.Cut(text);
    }
}
