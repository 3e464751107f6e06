using System.Text.Json;
using System.Text.Json.Serialization;
using Switchyard.Core.Ingest.Model;

namespace Switchyard.Core.Ingest.Json;

/// <summary>
/// Reads the event envelope <c>{"event_type": …, "data": {…}}</c> (reference/mparticle.md §1.3) and picks the
/// data type from <c>event_type</c>. <c>data</c> may come before <c>event_type</c>: the reader is a struct over
/// the whole batch, so we keep a copy positioned at <c>data</c>, skip it, and come back once the type is known.
/// This is why the converter is hand-written rather than System.Text.Json's polymorphism: it lets an unknown
/// <c>event_type</c> be reported by name with its own code.
/// </summary>
internal sealed class BatchEventConverter : JsonConverter<BatchEvent>
{
    public override BatchEvent Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new IngestJsonException(IngestErrorCodes.InvalidField, $"an event must be an object, got {JsonTokenText.Describe(reader.TokenType)}");
        }

        EventType? eventType = null;
        Utf8JsonReader dataReader = default;
        bool hasData = false;
        bool seenData = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("event_type"u8))
            {
                if (eventType is not null)
                {
                    throw new IngestJsonException(IngestErrorCodes.InvalidField, JsonErrorText.RepeatedName, ".event_type");
                }

                reader.Read();
                eventType = ReadEventType(ref reader);
            }
            else if (reader.ValueTextEquals("data"u8))
            {
                if (seenData)
                {
                    throw new IngestJsonException(IngestErrorCodes.InvalidField, JsonErrorText.RepeatedName, ".data");
                }

                seenData = true;
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    dataReader = reader;
                    hasData = true;
                }
                else if (reader.TokenType != JsonTokenType.Null)
                {
                    throw new IngestJsonException(IngestErrorCodes.InvalidField, $"expected an object, got {JsonTokenText.Describe(reader.TokenType)}", ".data");
                }

                reader.Skip();
            }
            else
            {
                reader.Skip();
            }
        }

        if (eventType is not { } type)
        {
            throw new IngestJsonException(IngestErrorCodes.MissingField, "event_type is required", ".event_type");
        }

        var data = hasData ? ReadData(ref dataReader, type) : EmptyData(type);
        return new BatchEvent(type, data);
    }

    public override void Write(Utf8JsonWriter writer, BatchEvent value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WritePropertyName("event_type"u8);
        EventTypeConverter.Instance.Write(writer, value.EventType, options);
        writer.WritePropertyName("data"u8);
        JsonSerializer.Serialize(writer, value.Data, IngestJsonContext.Default.GetTypeInfo(value.Data.GetType())!);
        writer.WriteEndObject();
    }

    private static EventType ReadEventType(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new IngestJsonException(IngestErrorCodes.InvalidField, $"expected a string, got {JsonTokenText.Describe(reader.TokenType)}", ".event_type");
        }

        if (EventTypeConverter.Instance.TryRead(ref reader, out var type))
        {
            return type;
        }

        throw new IngestJsonException(IngestErrorCodes.UnknownEventType, $"unknown event_type '{JsonTokenText.Shorten(reader.GetString())}'", ".event_type");
    }

    private static EventData ReadData(ref Utf8JsonReader reader, EventType type)
    {
        try
        {
            return Deserialize(ref reader, type);
        }
        catch (JsonException ex)
        {
            // The nested call starts a fresh path at "$" (= this event's data); carry it out so the final
            // error names e.g. events[3].data.event_name rather than events[3].
            string inner = ".data" + (ex.Path is { Length: > 1 } path ? path[1..] : "");
            string code = ex is IngestJsonException ingest ? ingest.Code : IngestErrorCodes.InvalidField;
            string innerPath = ex is IngestJsonException { InnerPath: { } deeper } ? inner + deeper : inner;
            throw new IngestJsonException(code, ex is IngestJsonException ? ex.Message : JsonErrorText.Describe(ex), innerPath);
        }
    }

    private static EventData Deserialize(ref Utf8JsonReader reader, EventType type)
    {
        var context = IngestJsonContext.Default;
        EventData? data = type switch
        {
            EventType.CustomEvent => JsonSerializer.Deserialize(ref reader, context.CustomEventData),
            EventType.CommerceEvent => JsonSerializer.Deserialize(ref reader, context.CommerceEventData),
            EventType.ScreenView => JsonSerializer.Deserialize(ref reader, context.ScreenViewEventData),
            EventType.SessionStart => JsonSerializer.Deserialize(ref reader, context.SessionStartEventData),
            EventType.SessionEnd => JsonSerializer.Deserialize(ref reader, context.SessionEndEventData),
            EventType.OptOut => JsonSerializer.Deserialize(ref reader, context.OptOutEventData),
            EventType.PushRegistration => JsonSerializer.Deserialize(ref reader, context.PushRegistrationEventData),
            EventType.ApplicationStateTransition => JsonSerializer.Deserialize(ref reader, context.ApplicationStateTransitionEventData),
            EventType.PushMessage => JsonSerializer.Deserialize(ref reader, context.PushMessageEventData),
            EventType.UserAttributeChange => JsonSerializer.Deserialize(ref reader, context.UserAttributeChangeEventData),
            EventType.UserIdentityChange => JsonSerializer.Deserialize(ref reader, context.UserIdentityChangeEventData),
            EventType.Profile => JsonSerializer.Deserialize(ref reader, context.ProfileEventData),
            _ => JsonSerializer.Deserialize(ref reader, context.GenericEventData),
        };
        return data ?? EmptyData(type);
    }

    private static EventData EmptyData(EventType type) => type switch
    {
        EventType.CustomEvent => new CustomEventData(),
        EventType.CommerceEvent => new CommerceEventData(),
        EventType.ScreenView => new ScreenViewEventData(),
        EventType.SessionStart => new SessionStartEventData(),
        EventType.SessionEnd => new SessionEndEventData(),
        EventType.OptOut => new OptOutEventData(),
        EventType.PushRegistration => new PushRegistrationEventData(),
        EventType.ApplicationStateTransition => new ApplicationStateTransitionEventData(),
        EventType.PushMessage => new PushMessageEventData(),
        EventType.UserAttributeChange => new UserAttributeChangeEventData(),
        EventType.UserIdentityChange => new UserIdentityChangeEventData(),
        EventType.Profile => new ProfileEventData(),
        _ => new GenericEventData(),
    };
}
