using Switchyard.Core.Profiles;

namespace Switchyard.Core.Audiences;

/// <summary>Event criteria: which keys, how many, when, and conditions on each occurrence.</summary>
internal sealed partial class CriterionCompiler
{
    private EventNode? EventCriterion(Criterion c, string path)
    {
        var ok = Keys(c.Event!, path + ".event", out var exactKey, out var keyType);
        var window = Window(c, path, ref ok);
        var (countOperator, count, countMax) = Count(c.Count, path + ".count", ref ok);
        var where = Where(c.Where, path + ".where", ref ok);
        if (!ok)
        {
            return null;
        }

        foreach (var condition in where)
        {
            EventAttributes.Add(new EventAttributeNeed(exactKey, keyType, condition.Name));
        }

        EventCriteria.Add(new CompiledEventCriterion(path, c, window, where.Length > 0, countOperator, count, countMax));

        return new EventNode(exactKey, keyType, window, where, countOperator, count, countMax);
    }

    /// <summary>Maps the selector onto <see cref="EventKeys"/>: one key, or every key of the type when no name or action narrows it.</summary>
    private bool Keys(EventSelector selector, string path, out string? exactKey, out string keyType)
    {
        exactKey = null;
        keyType = selector.Type ?? "";
        if (selector.Type is null)
        {
            Error(path + ".type", "is required.");
            return false;
        }

        if (!AudienceVocabulary.EventTypes.Contains(selector.Type))
        {
            Error(path + ".type", $"unknown event type '{Clip(selector.Type)}'.");
            return false;
        }

        var named = selector.Type is AudienceVocabulary.CustomEvent or AudienceVocabulary.ScreenView;
        if (selector.Name is not null && !named)
        {
            Error(path + ".name", "applies only to custom_event and screen_view.");
            return false;
        }

        if (selector.Action is not null && selector.Type != AudienceVocabulary.CommerceEvent)
        {
            Error(path + ".action", "applies only to commerce_event.");
            return false;
        }

        if (selector.Name is { } name)
        {
            if (name.Length == 0 || name.Length > MaxNameLength)
            {
                Error(path + ".name", $"must be 1 to {MaxNameLength} characters (leave it out for any).");
                return false;
            }

            exactKey = selector.Type == AudienceVocabulary.CustomEvent ? EventKeys.Custom(name) : EventKeys.ScreenView(name);
        }
        else if (selector.Action is { } action)
        {
            if (!AudienceVocabulary.CommerceActions.TryGetValue(action, out var recorded))
            {
                Error(path + ".action", $"unknown commerce action '{Clip(action)}'.");
                return false;
            }

            exactKey = EventKeys.Commerce(recorded);
        }
        else if (!named && selector.Type != AudienceVocabulary.CommerceEvent)
        {
            // session_start and the other plain types are keyed by the type alone.
            exactKey = EventKeys.OfType(selector.Type);
        }

        return true;
    }

    private (CountOperator Operator, long Value, long Max) Count(EventCount? count, string path, ref bool ok)
    {
        // No count means "did it at least once".
        if (count is null)
        {
            return (CountOperator.AtLeast, 1, 0);
        }

        var op = CountOperator.AtLeast;
        if (count.Operator is null)
        {
            Error(path + ".operator", "is required (at_least, exactly, at_most or between).");
            ok = false;
        }
        else if (!OperatorNames.TryCount(count.Operator, out op))
        {
            Error(path + ".operator", $"unknown operator '{Clip(count.Operator)}' (at_least, exactly, at_most or between).");
            ok = false;
        }

        if (count.Value is not { } value || value < 0)
        {
            Error(path + ".value", "must be a whole number of at least 0.");
            ok = false;
            return default;
        }

        if (op == CountOperator.Between)
        {
            if (count.Max is not { } max || max < value)
            {
                Error(path + ".max", $"'between' needs a max of at least value ({value}).");
                ok = false;
                return default;
            }

            return (op, value, max);
        }

        if (count.Max is not null && ok)
        {
            Error(path + ".max", "applies only to 'between'.");
            ok = false;
        }

        return (op, value, 0);
    }

    private EventCondition[] Where(IReadOnlyList<Criterion>? items, string path, ref bool ok)
    {
        if (items is null)
        {
            return [];
        }

        var conditions = new EventCondition[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            var at = $"{path}[{i}]";
            if (items[i] is not { } item || !IsPlainAttributeCondition(item))
            {
                Error(at, "must be an attribute condition ({\"attribute\":…,\"operator\":…,\"value\":…}).");
                ok = false;
                continue;
            }

            var named = NameLength(item.Attribute!, at + ".attribute");
            if (Condition(item, at, ConditionScope.EventAttribute) is { } test && named)
            {
                conditions[i] = new EventCondition(item.Attribute!, test);
            }
            else
            {
                ok = false;
            }
        }

        return conditions;
    }
}
