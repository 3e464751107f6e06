using System.Globalization;
using System.Text.Json.Nodes;
using Switchyard.Sandbox.Control;

namespace Switchyard.Sandbox.Currents;

/// <summary>The JSON shapes of the Currents control routes; the connector's secret is always redacted.</summary>
internal static class CurrentsViews
{
    public static JsonObject Connector(CurrentsConnector connector) => new()
    {
        ["url"] = connector.Url.ToString(),
        ["api_key"] = connector.ApiKey,
        ["api_secret"] = BearerToken.Redact(connector.ApiSecret),
        ["environment"] = connector.Environment,
        ["one_batch_per_request"] = connector.OneBatchPerRequest,
    };

    public static JsonObject Status(CurrentsStatus status, CurrentsConnector? connector) => new()
    {
        ["connector"] = connector is null ? null : Connector(connector),
        ["queued"] = status.Queued,
        ["delivered"] = status.Delivered,
        ["dropped"] = status.Dropped,
        ["attempts_failed"] = status.AttemptsFailed,
        ["last_error"] = status.LastError is { } e
            ? new JsonObject
            {
                ["at"] = e.At.ToString("O", CultureInfo.InvariantCulture),
                ["status"] = e.Status,
                ["message"] = e.Message,
            }
            : null,
        ["campaigns"] = new JsonArray([.. status.Campaigns.Select(c => (JsonNode)Send(c, includeDetails: true))]),
    };

    public static JsonObject Send(CampaignSend send, bool includeDetails)
    {
        var view = new JsonObject
        {
            ["send_id"] = send.SendId,
            ["campaign_id"] = send.CampaignId,
        };
        if (includeDetails)
        {
            view["campaign_name"] = send.CampaignName;
            view["channel"] = send.Channel;
            view["segment"] = send.Segment;
            view["created_at"] = send.CreatedAt.ToString("O", CultureInfo.InvariantCulture);
        }

        view["recipients"] = send.Recipients;
        view["events"] = new JsonObject
        {
            ["send"] = send.Events.Send,
            ["open"] = send.Events.Open,
            ["click"] = send.Events.Click,
            ["unsubscribe"] = send.Events.Unsubscribe,
        };
        return view;
    }
}
