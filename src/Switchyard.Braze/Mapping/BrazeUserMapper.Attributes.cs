using Switchyard.Core.Ingest.Model;
using Switchyard.Core.Profiles;

namespace Switchyard.Braze.Mapping;

/// <summary>User attributes → Braze profile fields and custom attributes (reference/mparticle.md §2.3 "Profile mapping").</summary>
public static partial class BrazeUserMapper
{
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
}
