using System.Security.Cryptography;
using System.Text;

namespace Switchyard.Sandbox.Currents;

/// <summary>
/// Picks which recipients engage, deterministically for a campaign id: recipients are ordered by
/// SHA-256(UTF-8 of <c>{kind}:{campaign_id}\n{external_id}</c>) (bytes compared in order, then the external_id), and
/// the first round(share × n) (half away from zero) are taken. Opens and clicks share the kind <c>open</c>, so the
/// clickers are always a prefix of the openers; unsubscribes use the kind <c>unsubscribe</c>.
/// </summary>
internal static class EngagementDraw
{
    public const string OpenKind = "open";
    public const string UnsubscribeKind = "unsubscribe";

    public static int Count(double share, int recipients) =>
        (int)Math.Round(share * recipients, MidpointRounding.AwayFromZero);

    public static IReadOnlyList<string> Order(string kind, string campaignId, IEnumerable<string> externalIds) =>
        [.. externalIds
            .Select(id => (Id: id, Key: SHA256.HashData(Encoding.UTF8.GetBytes($"{kind}:{campaignId}\n{id}"))))
            .OrderBy(x => x.Key, ByteOrder.Instance)
            .ThenBy(x => x.Id, StringComparer.Ordinal)
            .Select(x => x.Id)];

    private sealed class ByteOrder : IComparer<byte[]>
    {
        public static readonly ByteOrder Instance = new();

        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}
