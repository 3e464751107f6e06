using Switchyard.Core.Ingest.Model;

namespace Switchyard.Core.Ingest.Json;

/// <summary>Reads and writes <see cref="PromotionActionType"/> as its wire string; unlisted values are rejected.</summary>
internal sealed class PromotionActionTypeConverter() : WireEnumConverter<PromotionActionType>(Names)
{
    internal static readonly PromotionActionTypeConverter Instance = new();

    private static KeyValuePair<string, PromotionActionType>[] Names =>
    [
        new("view", PromotionActionType.View),
        new("click", PromotionActionType.Click),
    ];
}
