using Switchyard.Core.Ingest.Model;
using Switchyard.Core.Profiles;

namespace Switchyard.Core.Processing;

/// <summary>
/// Applies a batch's user attributes last-writer-wins by timestamp: a write older than the stored value or tombstone is
/// ignored, an equal one wins (the later-processed batch). Reserved names are stored under their canonical spelling
/// (reference/mparticle.md §1.7); a <c>null</c> value is a user tag, a deletion leaves a tombstone.
/// </summary>
internal static class AttributeUpdates
{
    public static void Apply(Profile profile, Batch batch, long writeMs, long receivedAtMs)
    {
        // user_attribute_change events carry their own time (§1.3); the batch-level map is the state as of the batch
        // write time, so it is applied after them and wins ties.
        foreach (var e in batch.Events)
        {
            if (e.Data is UserAttributeChangeEventData { UserAttributeName: { Length: > 0 } name } change)
            {
                var atMs = ClientTime.Of(change.TimestampUnixtimeMs, writeMs, receivedAtMs);
                if (change.Deleted == true)
                {
                    Delete(profile, name, atMs);
                }
                else
                {
                    Set(profile, name, change.New, atMs);
                }
            }
        }

        foreach (var (name, value) in batch.UserAttributes)
        {
            Set(profile, name, value, writeMs);
        }

        foreach (var name in batch.DeletedUserAttributes)
        {
            Delete(profile, name, writeMs);
        }
    }

    private static void Set(Profile profile, string name, AttributeValue value, long atMs)
    {
        if (Writable(profile, name, atMs) is { } attribute)
        {
            attribute.Kind = value.Kind;
            attribute.Text = value.Kind == AttributeValueKind.StringList ? null : value.Text;
            attribute.List = value.List is { } list ? [.. list] : null;
            attribute.Deleted = false;
            attribute.UpdatedAtMs = atMs;
        }
    }

    private static void Delete(Profile profile, string name, long atMs)
    {
        if (Writable(profile, name, atMs) is { } attribute)
        {
            attribute.Kind = AttributeValueKind.Null;
            attribute.Text = null;
            attribute.List = null;
            attribute.Deleted = true;
            attribute.UpdatedAtMs = atMs;
        }
    }

    /// <summary>The stored attribute to overwrite (created if new), or null when a newer write already holds it.</summary>
    private static StoredAttribute? Writable(Profile profile, string name, long atMs)
    {
        var key = ReservedAttributes.Canonical(name);
        if (profile.Attributes.TryGetValue(key, out var held))
        {
            return held.UpdatedAtMs > atMs ? null : held;
        }

        held = new StoredAttribute();
        profile.Attributes[key] = held;
        return held;
    }
}
