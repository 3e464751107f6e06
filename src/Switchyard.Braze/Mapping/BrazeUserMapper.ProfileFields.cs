using System.Globalization;

namespace Switchyard.Braze.Mapping;

/// <summary>Reserved user attributes → Braze profile fields (reference/mparticle.md §2.3 "Profile mapping", reference/braze.md §1.3).</summary>
public static partial class BrazeUserMapper
{
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
}
