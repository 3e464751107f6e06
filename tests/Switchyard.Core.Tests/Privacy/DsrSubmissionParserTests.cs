using System.Text;
using Switchyard.Core.Privacy;

namespace Switchyard.Core.Tests.Privacy;

public sealed class DsrSubmissionParserTests
{
    private const string Id = "6f1b3c2a-9d4e-4f5a-8b6c-7d8e9f0a1b2c";

    private static (DsrSubmission? Submission, DsrFieldError? Error) Parse(string identities, string extension = "null", string callbacks = "[]") =>
        DsrSubmissionParser.Parse(
            Encoding.UTF8.GetBytes($$"""
                {"regulation":"ccpa","subject_request_id":"{{Id}}","subject_request_type":"portability","submitted_time":"2026-01-31T12:00:00+01:00",
                 "subject_identities":{{identities}},"extensions":{"opendsr.mparticle.com":{{extension}}},"status_callback_urls":{{callbacks}}}
                """),
            new DsrCallbackPolicy([new Uri("https://hooks.example.com/dsr/")]));

    [Fact]
    public void Standard_and_extension_identities_map_to_the_keys_profiles_are_stored_under()
    {
        var (submission, error) = Parse(
            """{"controller_customer_id":{"value":"c-1","encoding":"raw"},"ios_vendor_id":{"value":"V","encoding":"raw"},"roku_publishing_id":{"value":"R"}}""",
            """{"subject_identities":{"other2":{"value":"o2","encoding":"raw"},"mobile_number":{"value":"+15550100","encoding":"raw"}},"skip_waiting_period":true}""",
            """["https://hooks.example.com/dsr/one"]""");
        Assert.Null(error);
        Assert.Equal("c-1", submission!.Identities["customer_id"]);
        Assert.Equal("V", submission.Identities["device:ios_idfv"]);
        Assert.Equal("R", submission.Identities["device:roku_publisher_id"]);
        Assert.Equal("o2", submission.Identities["other_id_2"]);
        Assert.Equal("+15550100", submission.Identities["mobile_number"]);
        Assert.True(submission.SkipWaitingPeriod);
        Assert.Equal(DsrRequestType.Portability, submission.Type);
        Assert.Equal("ccpa", submission.Regulation);
        Assert.Equal(new DateTimeOffset(2026, 1, 31, 11, 0, 0, TimeSpan.Zero), submission.SubmittedTime);
        Assert.Equal(["https://hooks.example.com/dsr/one"], submission.CallbackUrls);
    }

    [Theory]
    [InlineData("42")]
    [InlineData("\"42\"")]
    public void An_mpid_alone_is_read_as_a_number_or_a_string(string value)
    {
        var (submission, error) = Parse("null", """{"subject_identities":{"mpid":{"value":""" + value + ""","encoding":"raw"}}}""");
        Assert.Null(error);
        Assert.Equal(42, submission!.Mpid);
        Assert.Empty(submission.Identities);
    }

    [Theory]
    [InlineData("""{"mpid":{"value":"42","encoding":"raw"}}""", "null", "subject_identities.mpid")]
    [InlineData("""{"email":{"value":"","encoding":"raw"}}""", "null", "subject_identities.email.value")]
    [InlineData("""{"email":"a@example.com"}""", "null", "subject_identities.email")]
    [InlineData("""[]""", "null", "subject_identities")]
    [InlineData("""{"email":{"value":"a@example.com"}}""", """{"skip_waiting_period":"yes"}""", "extensions.opendsr.mparticle.com.skip_waiting_period")]
    [InlineData("""{"email":{"value":"a@example.com"}}""", """{"subject_identities":{"email":{"value":"b@example.com"}}}""", "extensions.opendsr.mparticle.com.subject_identities.email")]
    public void Identity_problems_name_their_field(string identities, string extension, string field)
    {
        var (submission, error) = Parse(identities, extension);
        Assert.Null(submission);
        Assert.Equal(field, error!.Field);
    }

    [Theory]
    [InlineData("https://hooks.example.com/dsr/x", true)]
    [InlineData("https://hooks.example.com/dsr/", true)]
    [InlineData("https://hooks.example.com/other", false)]
    [InlineData("http://hooks.example.com/dsr/x", false)]
    [InlineData("https://hooks.example.com:8443/dsr/x", false)]
    [InlineData("https://hooks.example.com.evil.test/dsr/x", false)]
    [InlineData("https://user@hooks.example.com/dsr/x", false)]
    [InlineData("file:///etc/passwd", false)]
    public void Callback_urls_must_match_an_allowed_prefix_by_scheme_host_port_and_path(string url, bool allowed)
    {
        Assert.Equal(allowed, new DsrCallbackPolicy([new Uri("https://hooks.example.com/dsr/")]).Allows(url));
        Assert.False(DsrCallbackPolicy.None.Allows(url));
    }
}
