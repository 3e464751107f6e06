using System.Text.Json;
using System.Text.Json.Nodes;
using Switchyard.Sandbox.Control;

namespace Switchyard.Sandbox.Currents;

/// <summary>Reads a <c>POST /_sandbox/currents/campaigns</c> body; every problem becomes a <see cref="FieldError"/>.</summary>
internal static class CampaignRequestParser
{
    public const int MaxTextLength = 255;

    private static readonly HashSet<string> Known =
    [
        "segment", "campaign_name", "campaign_id", "channel", "platform", "open_share", "click_share", "unsubscribe_share",
    ];

    /// <summary>Braze's push platforms (reference/braze.md §6) that the sandbox can simulate.</summary>
    public static readonly IReadOnlyDictionary<string, string> Platforms = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["ios"] = "iOS",
        ["android"] = "Android",
        ["web"] = "web",
    };

    public static CampaignRequest? Parse(JsonNode? body, List<FieldError> errors)
    {
        if (body is not JsonObject root)
        {
            errors.Add(new("body", "must be a JSON object"));
            return null;
        }

        foreach (var (member, _) in root)
        {
            if (!Known.Contains(member))
            {
                errors.Add(new(member, "is not a known field"));
            }
        }

        var segment = Text(root, "segment", required: true, errors);
        var name = Text(root, "campaign_name", required: true, errors);
        var id = Text(root, "campaign_id", required: false, errors);
        var channelText = Text(root, "channel", required: true, errors);
        CampaignChannel? channel = channelText switch
        {
            null => null,
            "push" => CampaignChannel.Push,
            "email" => CampaignChannel.Email,
            _ => null,
        };
        if (channelText is not null && channel is null)
        {
            errors.Add(new("channel", "must be 'push' or 'email'"));
        }

        var platform = Text(root, "platform", required: false, errors);
        if (platform is not null && channel == CampaignChannel.Email)
        {
            errors.Add(new("platform", "applies to push campaigns only"));
        }
        else if (platform is not null && !Platforms.ContainsKey(platform))
        {
            errors.Add(new("platform", "must be 'ios', 'android' or 'web'"));
        }

        var open = Share(root, "open_share", errors);
        var click = Share(root, "click_share", errors);
        var unsubscribe = Share(root, "unsubscribe_share", errors);
        if (click is { } c && open is { } o && c > o)
        {
            errors.Add(new("click_share", "must not exceed open_share: only recipients who opened can click"));
        }

        if (channel == CampaignChannel.Push && click > 0)
        {
            errors.Add(new("click_share", "must be 0 for push: Currents has no push click event, only opens"));
        }

        if (channel == CampaignChannel.Push && unsubscribe > 0)
        {
            errors.Add(new("unsubscribe_share", "applies to email campaigns only"));
        }

        if (errors.Count > 0)
        {
            return null;
        }

        return new CampaignRequest(
            segment!,
            name!,
            id,
            channel!.Value,
            channel == CampaignChannel.Push ? platform ?? "ios" : null,
            open ?? 0,
            click ?? 0,
            unsubscribe ?? 0);
    }

    private static string? Text(JsonObject root, string field, bool required, List<FieldError> errors)
    {
        var node = root[field];
        if (node is null)
        {
            if (required)
            {
                errors.Add(new(field, "is required"));
            }

            return null;
        }

        if (node.GetValueKind() != JsonValueKind.String || node.GetValue<string>() is not { } text
            || string.IsNullOrWhiteSpace(text) || text.Length > MaxTextLength)
        {
            errors.Add(new(field, $"must be a string of 1 to {MaxTextLength} characters"));
            return null;
        }

        return text;
    }

    private static double? Share(JsonObject root, string field, List<FieldError> errors)
    {
        var node = root[field];
        if (node is null)
        {
            return null;
        }

        if (node.GetValueKind() != JsonValueKind.Number || !node.AsValue().TryGetValue<double>(out var share) || share is < 0 or > 1)
        {
            errors.Add(new(field, "must be a number from 0 to 1"));
            return null;
        }

        return share;
    }
}
