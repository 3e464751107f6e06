using Switchyard.Core.Ingest.Model;

namespace Switchyard.Braze.Mapping;

/// <summary>Custom attributes and the key rules shared with event properties (reference/mparticle.md §2.3, seed "Data mapping").</summary>
public static partial class BrazeUserMapper
{
    /// <summary>
    /// Keys Braze reads as something other than a custom attribute (reference/braze.md §1.2–1.3): identifiers and
    /// control flags, and profile fields. A profile field with a value Braze refuses (an invalid <c>email</c>,
    /// <c>gender</c>, <c>current_location</c>…) fails the whole attributes object, so a plain attribute of that name is
    /// dropped; profile fields are set through the reserved attributes and identities instead. <c>dob</c>,
    /// <c>email_subscribe</c> and <c>push_subscribe</c> have their own rules and never get here.
    /// </summary>
    private static readonly HashSet<string> BrazeOwnedKeys = new(StringComparer.Ordinal)
    {
        "external_id", "user_alias", "braze_id", "_update_existing_only", "push_token_import", "push_tokens", "_merge_objects",
        "first_name", "last_name", "email", "phone", "gender", "country", "home_city", "language", "time_zone", "bio",
        "subscription_groups", "current_location", "date_of_first_session", "date_of_last_session", "marked_email_as_spam_at",
        "email_open_tracking_disabled", "email_click_tracking_disabled", "facebook", "twitter",
    };

    /// <summary>Any other attribute: a custom attribute named without its leading <c>$</c>.</summary>
    private static void Custom(MappingRun run, string name, UserValue value, bool detect)
    {
        if (CustomKey(run, name, "attributes") is not { } key)
        {
            return;
        }

        if (BrazeOwnedKeys.Contains(key))
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
