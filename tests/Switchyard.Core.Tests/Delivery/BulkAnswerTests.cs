using System.Net;
using Switchyard.Core.Delivery.Engine;
using Switchyard.Core.Delivery.MParticle;

namespace Switchyard.Core.Tests.Delivery;

public sealed class BulkAnswerTests
{
    [Fact]
    public void A_202_with_a_switchyard_report_rejects_only_the_refused_batches()
    {
        const string Report = """{"accepted":2,"refused":[{"index":1,"errors":[{"code":"ENVIRONMENT_MISMATCH","message":"batches[1].environment: this feed takes production"}]}]}""";

        var answer = BulkAnswer.Read(HttpStatusCode.Accepted, null, Report, 3, null);

        Assert.Equal([ItemOutcomeKind.Delivered, ItemOutcomeKind.Rejected, ItemOutcomeKind.Delivered], answer.Outcomes.Select(o => o.Kind));
        Assert.Equal("refused by the receiver: ENVIRONMENT_MISMATCH: batches[1].environment: this feed takes production", answer.Outcomes[1].Reason);
    }

    [Fact]
    public void A_400_for_a_request_of_several_batches_asks_for_them_one_by_one()
    {
        var answer = BulkAnswer.Read(HttpStatusCode.BadRequest, null, """{"errors":[{"code":"X","message":"bad"}]}""", 2, null);

        Assert.True(answer.SplitRequired);
    }

    [Fact]
    public void A_400_for_a_single_batch_rejects_it_with_the_receivers_first_errors()
    {
        var answer = BulkAnswer.Read(HttpStatusCode.BadRequest, null, """{"errors":[{"code":"MISSING_FIELD","message":"batch.events[0].data.event_name: is required"}]}""", 1, null);

        var outcome = Assert.Single(answer.Outcomes);
        Assert.Equal(ItemOutcomeKind.Rejected, outcome.Kind);
        Assert.Equal("refused by the receiver (400): MISSING_FIELD: batch.events[0].data.event_name: is required", outcome.Reason);
    }

    [Theory]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(503)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(307)]
    public void Outages_limits_and_refused_credentials_are_retried_with_the_receivers_wait(int status)
    {
        var answer = BulkAnswer.Read((HttpStatusCode)status, TimeSpan.FromSeconds(7), "", 2, "https://elsewhere.example.com/v2/bulkevents");

        Assert.All(answer.Outcomes, o => Assert.Equal(ItemOutcomeKind.Retryable, o.Kind));
        Assert.All(answer.Outcomes, o => Assert.Equal(TimeSpan.FromSeconds(7), o.RetryAfter));
        Assert.False(answer.SplitRequired);
    }
}
