using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Switchyard.Braze.Settings;

/// <summary>Writes settings as JSON in the input's shape (camelCase for events, snake_case for audiences), with the REST key replaced: safe to log or show.</summary>
internal static class RedactedSettingsWriter
{
    public const string RedactedKey = "[redacted]";

    public static string Write(BrazeOutputSettings s)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("restApiKey", RedactedKey);
            if (s.AppIdentifierApiKey is { } appKey)
            {
                w.WriteString("appIdentifierApiKey", appKey);
            }

            if (s.ApiKeyOperatingSystem is { } os)
            {
                w.WriteString("apiKeyOperatingSystem", PushPlatforms.NameOf(os));
            }

            w.WriteString("externalIdentityType", BrazeIdentityTypes.NameOf(s.ExternalIdentityType));
            w.WriteString("emailIdentityType", BrazeIdentityTypes.NameOf(s.EmailIdentityType));
            w.WriteString("instance", BrazeInstances.NameOf(s.Instance));
            w.WriteString("restEndpoint", s.RestEndpoint.ToString());
            w.WriteBoolean("forwardScreenViews", s.ForwardScreenViews);
            w.WriteBoolean("forwardSessionEvents", s.ForwardSessionEvents);
            w.WriteBoolean("setEventNameForPageView", s.SetEventNameForPageView);
            w.WriteString("screenViewEventPrefix", s.ScreenViewEventPrefix);
            w.WriteString("commerceAmountsAs", s.CommerceAmountsAs == CommerceAmounts.Number ? "number" : "string");
            w.WriteString("customAttributeTypeDetection", s.CustomAttributeTypeDetection switch
            {
                CustomAttributeTypeDetection.UserAttributes => "user",
                CustomAttributeTypeDetection.EventAttributes => "event",
                CustomAttributeTypeDetection.Both => "both",
                _ => "none",
            });
            w.WriteBoolean("bundleCommerceEventData", s.BundleCommerceEventData);
            w.WriteBoolean("includeEnrichedUserAttributes", s.IncludeEnrichedUserAttributes);
            w.WriteBoolean("includeEnrichedUserIdentities", s.IncludeEnrichedUserIdentities);
            w.WriteBoolean("sendUserAttributeListsAsArrays", s.SendUserAttributeListsAsArrays);
            w.WriteString("userTagsValue", s.UserTagsValue);
            w.WriteBoolean("eventStreamForwarding", s.EventStreamForwarding);
            w.WriteString("batchRule", s.BatchRule.ToString());
            w.WriteNumber("rateLimit", s.RateLimit);
            w.WriteString("ledgerMaxAge", System.Xml.XmlConvert.ToString(s.LedgerMaxAge));
            w.WriteNumber("reconcileExportsPerMinute", s.ReconcileExportsPerMinute);
            w.WriteNumber("reconcileSamplePerHour", s.ReconcileSamplePerHour);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static string Write(BrazeAudienceSettings s)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            if (s.ApiKey is { } appKey)
            {
                w.WriteString("apiKey", appKey);
            }

            if (s.ApiKeyOperatingSystem is { } os)
            {
                w.WriteString("apiKeyOperatingSystem", PushPlatforms.NameOf(os));
            }

            w.WriteString("sendSegmentsAs", SendSegmentsAsNames.NameOf(s.SendSegmentsAs));
            w.WriteString("segmentMembershipFormat", s.SegmentMembershipFormat == SegmentMembershipFormat.Quoted ? "quoted" : "unquoted");
            w.WriteString("restApiKey", RedactedKey);
            w.WriteString("externalIdentityType", BrazeIdentityTypes.NameOf(s.ExternalIdentityType));
            w.WriteString("emailIdentityType", BrazeIdentityTypes.NameOf(s.EmailIdentityType));
            w.WriteString("instance", BrazeInstances.NameOf(s.Instance));
            w.WriteString("restEndpoint", s.RestEndpoint.ToString());
            w.WriteNumber("rateLimit", s.RateLimit);
            w.WriteString("batchRule", s.BatchRule.ToString());
            w.WriteString("ledgerMaxAge", System.Xml.XmlConvert.ToString(s.LedgerMaxAge));
            w.WriteNumber("reconcileExportsPerMinute", s.ReconcileExportsPerMinute);
            w.WriteNumber("reconcileSamplePerHour", s.ReconcileSamplePerHour);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
