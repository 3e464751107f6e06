using System.Text.Json.Nodes;
using Switchyard.Braze.Reconcile;

namespace Switchyard.Braze.Tests.Reconcile;

public sealed class LedgerComparisonTests
{
    private static JsonObject User(string json) => JsonNode.Parse(json)!.AsObject();

    [Fact]
    public void Attributes_braze_holds_as_sent_are_not_drift_whatever_the_number_or_date_spelling()
    {
        var ledger = new Dictionary<string, string>
        {
            ["plan"] = "\"pro\"", ["score"] = "1", ["since"] = "\"2026-01-02T03:04:05.000Z\"", ["tags"] = "[\"a\",\"b\"]", ["first_name"] = "\"Ann\"",
        };
        var user = User("""{"external_id":"u","first_name":"Ann","custom_attributes":{"plan":"pro","score":1.0,"since":"2026-01-02T03:04:05Z","tags":["a","b"]}}""");

        Assert.Empty(LedgerComparison.Drifted(ReconciledOutputKind.Events, ledger, user));
    }

    [Fact]
    public void A_changed_or_missing_attribute_is_drift_and_a_missing_user_drifts_every_judged_field()
    {
        var ledger = new Dictionary<string, string> { ["plan"] = "\"pro\"", ["tier"] = "\"gold\"", ["last_name"] = "\"Lee\"", ["dob"] = "\"1990-01-01\"" };
        var user = User("""{"external_id":"u","last_name":"Lee","custom_attributes":{"plan":"free"}}""");

        Assert.Equal(["plan", "tier"], LedgerComparison.Drifted(ReconciledOutputKind.Events, ledger, user));
        // dob's exported form is not compared: it is left to ledgerMaxAge.
        Assert.Equal(["last_name", "plan", "tier"], LedgerComparison.Drifted(ReconciledOutputKind.Events, ledger, null));
    }

    [Fact]
    public void Membership_fields_are_compared_with_the_attributes_they_were_sent_as()
    {
        var ledger = new Dictionary<string, string>
        {
            ["external_id"] = "u",
            ["segment_membership"] = "11034,11036",
            ["segment_membership_array:11034"] = "1",
            ["segment_membership_array:11036"] = "1",
            ["in:11036"] = "true:In Ibiza dreamers",
            ["in:11034"] = "false:In Possible Parisians",
            ["push_token:ios"] = "t",
        };
        var agrees = User("""{"external_id":"u","custom_attributes":{"SegmentMembership":"11034,11036","SegmentMembershipArray":["11034","11036"],"In Ibiza dreamers":true,"In Possible Parisians":false}}""");
        var drifted = User("""{"external_id":"u","custom_attributes":{"SegmentMembership":"11034","SegmentMembershipArray":["11034"],"In Ibiza dreamers":false}}""");

        Assert.Empty(LedgerComparison.Drifted(ReconciledOutputKind.Audiences, ledger, agrees));
        Assert.Equal(
            ["in:11034", "in:11036", "segment_membership", "segment_membership_array:11036"],
            LedgerComparison.Drifted(ReconciledOutputKind.Audiences, ledger, drifted));
    }
}
