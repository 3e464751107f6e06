using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Switchyard.Sandbox.Currents;

/// <summary>
/// Turns a campaign request and its recipients into Currents events, one mParticle batch each (reference/mparticle.md
/// §5): a send per recipient, then opens, clicks and unsubscribes as drawn by <see cref="EngagementDraw"/>. All events
/// carry the sandbox clock's current time.
/// </summary>
internal static class CampaignSimulator
{
    public static CampaignPlan Plan(
        CampaignRequest request, IReadOnlyList<CampaignRecipient> recipients, CurrentsConnector connector, CurrentsSettings settings, DateTimeOffset now)
    {
        var campaignId = request.CampaignId ?? NewId();
        var sendId = NewId();
        var context = new SendContext(
            request, campaignId, sendId, DispatchId: NewId(), VariationId: StableId("variation", campaignId), connector.Environment, settings.AppGroupId, now);

        var byId = recipients.ToDictionary(r => r.ExternalId, StringComparer.Ordinal);
        var ids = byId.Keys.Order(StringComparer.Ordinal).ToList();
        var openOrder = EngagementDraw.Order(EngagementDraw.OpenKind, campaignId, ids);
        var openers = Pick(openOrder, request.OpenShare, ids.Count);
        var clickers = Pick(openOrder, request.ClickShare, ids.Count);
        var unsubscribers = Pick(EngagementDraw.Order(EngagementDraw.UnsubscribeKind, campaignId, ids), request.UnsubscribeShare, ids.Count);

        var batches = new List<(string, ReadOnlyMemory<byte>)>();
        var push = request.Channel == CampaignChannel.Push;
        Add(batches, context, ids, byId, push ? CurrentsEventNames.PushSend : CurrentsEventNames.EmailSend, null);
        Add(batches, context, ids.Where(openers.Contains), byId, push ? CurrentsEventNames.PushOpen : CurrentsEventNames.EmailOpen, null);
        Add(batches, context, ids.Where(clickers.Contains), byId, CurrentsEventNames.EmailClick, ("url", $"https://example.com/sandbox/{Uri.EscapeDataString(campaignId)}"));
        Add(batches, context, ids.Where(unsubscribers.Contains), byId, CurrentsEventNames.EmailUnsubscribe, null);

        var send = new CampaignSend(
            sendId,
            campaignId,
            request.CampaignName,
            push ? "push" : "email",
            request.Segment,
            ids.Count,
            new CampaignEventCounts(ids.Count, openers.Count, clickers.Count, unsubscribers.Count),
            now);
        return new CampaignPlan(send, batches);
    }

    private static HashSet<string> Pick(IReadOnlyList<string> order, double share, int recipients) =>
        order.Take(EngagementDraw.Count(share, recipients)).ToHashSet(StringComparer.Ordinal);

    private static void Add(
        List<(string, ReadOnlyMemory<byte>)> batches,
        SendContext context,
        IEnumerable<string> ids,
        Dictionary<string, CampaignRecipient> byId,
        string eventName,
        (string Name, string Value)? extra)
    {
        foreach (var id in ids)
        {
            var recipient = byId[id];
            var sourceMessageId = Guid.NewGuid().ToString();
            var batch = Batch(context, recipient, eventName, sourceMessageId, extra);
            batches.Add((sourceMessageId, JsonSerializer.SerializeToUtf8Bytes(batch, CurrentsJsonContext.Wire.CurrentsBatch)));
        }
    }

    private static CurrentsBatch Batch(SendContext context, CampaignRecipient recipient, string eventName, string sourceMessageId, (string Name, string Value)? extra)
    {
        var push = context.Request.Channel == CampaignChannel.Push;
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["app_group_id"] = context.AppGroupId,
            ["campaign_id"] = context.CampaignId,
            ["campaign_name"] = context.Request.CampaignName,
            ["message_variation_id"] = context.VariationId,
            ["send_id"] = context.SendId,
            ["dispatch_id"] = context.DispatchId,
        };
        if (push)
        {
            attributes["app_id"] = $"{context.AppGroupId}-{context.Request.Platform}";
            attributes["platform"] = context.Request.Platform!;
        }
        else if (recipient.Email is { } email)
        {
            attributes["email_address"] = email;
        }

        if (extra is { } field)
        {
            attributes[field.Name] = field.Value;
        }

        return new CurrentsBatch(
            SchemaVersion: 2,
            context.Environment,
            new CurrentsUserIdentities(recipient.ExternalId, push ? null : recipient.Email),
            UserAttributes: new Dictionary<string, string>(),
            new CurrentsDeviceInfo(push ? CampaignRequestParser.Platforms[context.Request.Platform!] : null),
            [new CurrentsEvent("custom_event", new CurrentsEventData(
                eventName, "other", sourceMessageId, context.Now.ToUnixTimeMilliseconds(), attributes))]);
    }

    private static string NewId() => Guid.NewGuid().ToString("N");

    /// <summary>A 24-hex id (Braze's id shape) that is the same for the same campaign every time.</summary>
    private static string StableId(string kind, string campaignId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{kind}:{campaignId}")))[..24];

    private sealed record SendContext(
        CampaignRequest Request,
        string CampaignId,
        string SendId,
        string DispatchId,
        string VariationId,
        string Environment,
        string AppGroupId,
        DateTimeOffset Now);
}
