namespace Switchyard.Braze.Mapping;

/// <summary>Why part of a batch was dropped or changed on its way to Braze. Callers count these; nothing is thrown.</summary>
public enum BrazeWarningKind
{
    /// <summary>A property or custom attribute key longer than 255 characters was dropped (reference/braze.md §1.4).</summary>
    KeyTooLong,

    /// <summary>A key that is empty once its leading <c>$</c> is stripped was dropped.</summary>
    EmptyKey,

    /// <summary>A key Braze reserves (<c>time</c>, <c>event_name</c> in properties; identifiers in attributes) was dropped.</summary>
    ReservedKey,

    /// <summary>An array or object event property was dropped: event properties are string, number, boolean or date only (seed, "Data mapping").</summary>
    UnsupportedValue,

    /// <summary>A string longer than 255 characters was cut to 255.</summary>
    ValueTruncated,

    /// <summary>An event name or product id longer than 255 characters was cut to 255.</summary>
    NameTruncated,

    /// <summary>
    /// A value Braze cannot take was dropped: <c>$Age</c> not a number, <c>dob</c> not yyyy-MM-dd, an unknown subscription
    /// state, an email or <c>$Mobile</c> that cannot be an email address or phone number.
    /// </summary>
    InvalidValue,

    /// <summary>A purchased product without an id (SKU) or name was dropped.</summary>
    MissingProductId,

    /// <summary>A purchase quantity outside Braze's 1..100 integers was rounded into range (reference/braze.md §1.6).</summary>
    QuantityAdjusted,

    /// <summary>A push token was dropped because no App Identifier API key is configured (Braze needs its <c>app_id</c>).</summary>
    PushTokenWithoutAppId,

    /// <summary>An event or purchase of a user known only by a push token was dropped: Braze needs an identifier for it.</summary>
    NoIdentifierForEvent,

    /// <summary>
    /// A time or amount Braze cannot take was clamped into range: a time before 1970 became the epoch, one further ahead
    /// of now than the clock-skew allowance became now (Braze moves future times to now itself, reference/braze.md §1.5),
    /// a purchase price beyond the decimal range was capped.
    /// </summary>
    OutOfRange,
}
