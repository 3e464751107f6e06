using System.Collections.Frozen;

namespace Switchyard.Core.Ingest.Currents;

/// <summary>
/// The event names Braze's mParticle export gives Currents event types. Braze's Currents event glossary shows the name
/// of each type as exported to mParticle (the mParticle tab of
/// https://www.braze.com/docs/user_guide/data/distribution/braze_currents/event_glossary/message_engagement_events/);
/// the campaign, Canvas, Canvas step, subscription and banner entries below are those names. The message entries
/// (push, email, SMS, WhatsApp, in-app message, Content Card, webhook) are still UNVERIFIED: they follow older Braze
/// documentation and the names the sandbox sends (docs/currents.md). A type not listed keeps its Currents name as the
/// event name, so no event is lost for want of an entry.
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
        ["users.campaigns.Conversion"] = "Campaign Conversions",
        ["users.campaigns.EnrollInControl"] = "Campaign Control Group Enrollments",
        ["users.campaigns.Abort"] = "Campaign Abort",
        ["users.canvas.Entry"] = "Canvas Entries",
        ["users.canvas.Conversion"] = "Canvas Conversions",
        ["users.canvas.Abort"] = "Canvas Abort",
        ["users.canvas.exit.MatchedAudience"] = "Exit Matched Audiences",
        ["users.canvas.exit.PerformedEvent"] = "Exit Performed Events",
        ["users.canvas.experimentstep.Conversion"] = "Experiment Step Conversions",
        ["users.canvas.experimentstep.SplitEntry"] = "Experiment Split Entries",
        ["users.canvasstep.Progression"] = "Canvas Step Progressions",
        ["users.messages.banner.Abort"] = "Banner Aborts",
        ["users.messages.banner.Click"] = "Banner Clicks",
        ["users.messages.banner.Impression"] = "Banner Impressions",
        ["users.behaviors.subscription.GlobalStateChange"] = "Global Subscription State Changes",
        ["users.behaviors.subscriptiongroup.StateChange"] = "Subscription Group State Changes",
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
