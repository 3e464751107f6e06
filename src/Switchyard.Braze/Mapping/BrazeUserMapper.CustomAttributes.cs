using Switchyard.Core.Ingest.Model;

namespace Switchyard.Braze.Mapping;

/// <summary>Custom attributes and the key rules shared with event properties (reference/mparticle.md §2.3, seed "Data mapping").</summary>
public static partial class BrazeUserMapper
{
    /// <summary>Keys that would change who or what the attributes object is about rather than set an attribute (reference/braze.md §1.2–1.3).</summary>
    private static readonly HashSet<string> ControlKeys = new(StringComparer.Ordinal)
    {
        "external_id", "user_alias", "braze_id", "_update_existing_only", "push_token_import", "push_tokens", "_merge_objects",
    };

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
