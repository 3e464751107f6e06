using System.Collections.Frozen;

namespace Switchyard.Core.Ingest.Currents;

/// <summary>
/// The event names Braze's mParticle export gives Currents event types (reference/mparticle.md §5). Braze does not
/// publish the current strings, so this table is UNVERIFIED: it follows older Braze documentation ("Push Notification
/// Open", "Email Delivered") and the names the sandbox sends (docs/sandbox.md, "Currents"). A type not listed keeps its
/// Currents name as the event name, so no event is lost for want of an entry.
/// </summary>
public static class CurrentsEventNames
{
    /// <summary>The Currents type of an uninstall, which becomes an mParticle <c>uninstall</c> event, not a custom event.</summary>
    public const string Uninstall = "users.behaviors.Uninstall";

    private static readonly FrozenDictionary<string, string> Names = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["users.messages.pushnotification.Send"] = "Push Notification Send",
        ["users.messages.pushnotification.Open"] = "Push Notification Open",
        ["users.messages.pushnotification.IosForeground"] = "Push Notification iOS Foreground",
        ["users.messages.pushnotification.Bounce"] = "Push Notification Bounce",
        ["users.messages.pushnotification.Abort"] = "Push Notification Abort",
        ["users.messages.email.Send"] = "Email Sent",
        ["users.messages.email.Delivery"] = "Email Delivered",
        ["users.messages.email.Open"] = "Email Opened",
        ["users.messages.email.Click"] = "Email Clicked",
        ["users.messages.email.Bounce"] = "Email Bounced",
        ["users.messages.email.SoftBounce"] = "Email Soft Bounced",
        ["users.messages.email.Deferral"] = "Email Deferred",
        ["users.messages.email.MarkAsSpam"] = "Email Marked As Spam",
        ["users.messages.email.Unsubscribe"] = "Email Unsubscribed",
        ["users.messages.email.Abort"] = "Email Aborted",
        ["users.messages.sms.Send"] = "SMS Sent",
        ["users.messages.sms.CarrierSend"] = "SMS Carrier Sent",
        ["users.messages.sms.Delivery"] = "SMS Delivered",
        ["users.messages.sms.DeliveryFailure"] = "SMS Delivery Failed",
        ["users.messages.sms.Rejection"] = "SMS Rejected",
        ["users.messages.sms.InboundReceive"] = "SMS Inbound Received",
        ["users.messages.sms.ShortLinkClick"] = "SMS Short Link Clicked",
        ["users.messages.sms.Abort"] = "SMS Aborted",
        ["users.messages.whatsapp.Send"] = "WhatsApp Sent",
        ["users.messages.whatsapp.Delivery"] = "WhatsApp Delivered",
        ["users.messages.whatsapp.Read"] = "WhatsApp Read",
        ["users.messages.whatsapp.Failure"] = "WhatsApp Failed",
        ["users.messages.whatsapp.InboundReceive"] = "WhatsApp Inbound Received",
        ["users.messages.whatsapp.Abort"] = "WhatsApp Aborted",
        ["users.messages.inappmessage.Impression"] = "In-App Message Impression",
        ["users.messages.inappmessage.Click"] = "In-App Message Click",
        ["users.messages.inappmessage.Abort"] = "In-App Message Abort",
        ["users.messages.contentcard.Send"] = "Content Card Send",
        ["users.messages.contentcard.Impression"] = "Content Card Impression",
        ["users.messages.contentcard.Click"] = "Content Card Click",
        ["users.messages.contentcard.Dismiss"] = "Content Card Dismiss",
        ["users.messages.contentcard.Abort"] = "Content Card Abort",
        ["users.messages.webhook.Send"] = "Webhook Sent",
        ["users.messages.webhook.Abort"] = "Webhook Aborted",
        ["users.campaigns.Conversion"] = "Campaign Conversion",
        ["users.campaigns.EnrollInControl"] = "Campaign Control Group Enrollment",
        ["users.campaigns.Abort"] = "Campaign Abort",
        ["users.canvas.Entry"] = "Canvas Entry",
        ["users.canvas.Conversion"] = "Canvas Conversion",
        ["users.canvas.Abort"] = "Canvas Abort",
        ["users.canvas.exit.MatchedAudience"] = "Canvas Exit Matched Audience",
        ["users.canvas.exit.PerformedEvent"] = "Canvas Exit Performed Event",
        ["users.canvas.experimentstep.Conversion"] = "Canvas Experiment Step Conversion",
        ["users.canvas.experimentstep.SplitEntry"] = "Canvas Experiment Step Split Entry",
        ["users.behaviors.subscription.GlobalStateChange"] = "Subscription State Change",
        ["users.behaviors.subscriptiongroup.StateChange"] = "Subscription Group State Change",
        ["users.behaviors.pushnotification.TokenStateChange"] = "Push Notification Token State Change",
        [Uninstall] = "Uninstall",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Every mapped Currents event type with its name, for documentation and tests.</summary>
    public static IReadOnlyDictionary<string, string> All => Names;

    /// <summary>The event name for a Currents event type: the table's name, or the type itself when it has none.</summary>
    public static string For(string eventType)
    {
        ArgumentNullException.ThrowIfNull(eventType);
        return Names.TryGetValue(eventType, out var name) ? name : eventType;
    }
}
