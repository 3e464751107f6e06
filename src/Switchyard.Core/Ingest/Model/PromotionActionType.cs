using System.Text.Json.Serialization;
using Switchyard.Core.Ingest.Json;

namespace Switchyard.Core.Ingest.Model;

/// <summary>The <c>promotion_action.action</c> of a commerce event (reference/mparticle.md §1.4).</summary>
[JsonConverter(typeof(PromotionActionTypeConverter))]
public enum PromotionActionType
{
    View,
    Click,
}
