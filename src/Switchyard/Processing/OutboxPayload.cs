using System.Globalization;

namespace Switchyard.Processing;

/// <summary>An outbox item's payload: the inbox sequence of the batch to deliver, <c>{"seq":123}</c>.</summary>
internal static class OutboxPayload
{
    public static string Of(long sequence) => "{\"seq\":" + sequence.ToString(CultureInfo.InvariantCulture) + "}";
}
