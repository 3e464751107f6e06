using Switchyard.Core.Profiles;
using static Switchyard.Core.Tests.Audiences.AudienceTestData;

namespace Switchyard.Core.Tests.Audiences;

public sealed class ConsentCriterionTests
{
    private static Profile With(string key, bool consented)
    {
        var profile = Profile();
        profile.Consent[key] = new StoredConsent { Consented = consented, UpdatedAtMs = 1 };
        return profile;
    }

    [Theory]
    [InlineData(true, true, true)]
    [InlineData(true, false, false)]
    [InlineData(false, false, true)]
    [InlineData(false, true, false)]
    public void A_gdpr_purpose_matches_the_recorded_decision(bool recorded, bool wanted, bool expected) =>
        Assert.Equal(expected, Matches($$"""{"consent":"gdpr:marketing","consented":{{(wanted ? "true" : "false")}}}""", With("gdpr:marketing", recorded)));

    [Fact]
    public void A_gdpr_purpose_matches_whatever_its_case() =>
        Assert.True(Matches("""{"consent":"GDPR:Marketing","consented":true}""", With("gdpr:marketing", true)));

    [Fact]
    public void A_ccpa_opt_out_is_read_from_data_sale_opt_out()
    {
        Assert.True(Matches("""{"consent":"ccpa:data_sale_opt_out","consented":true}""", With("ccpa:data_sale_opt_out", true)));
        Assert.False(Matches("""{"consent":"ccpa:data_sale_opt_out","consented":true}""", With("gdpr:data_sale_opt_out", true)));
    }

    [Fact]
    public void A_purpose_never_recorded_matches_neither_decision_but_its_exclusion_does()
    {
        Assert.False(Matches("""{"consent":"gdpr:marketing","consented":true}""", Profile()));
        Assert.False(Matches("""{"consent":"gdpr:marketing","consented":false}""", Profile()));
        Assert.True(Matches("""{"not":{"consent":"gdpr:marketing","consented":true}}""", Profile()));
    }

    [Theory]
    [InlineData("""{"consent":"marketing","consented":true}""", "criteria.consent: unknown consent 'marketing' (use 'gdpr:<purpose>' or 'ccpa:data_sale_opt_out').")]
    [InlineData("""{"consent":"gdpr:","consented":true}""", "criteria.consent: unknown consent 'gdpr:'")]
    [InlineData("""{"consent":"gdpr:marketing"}""", "criteria.consented: is required")]
    [InlineData("""{"consent":"gdpr:marketing","consented":"yes"}""", "criteria.consented:")]
    [InlineData("""{"attribute":"a","operator":"exists","consented":true}""", "criteria.consented: applies only to consent criteria.")]
    public void Bad_consent_criteria_are_refused_with_their_path(string criteria, string expected) =>
        Assert.Contains(expected, ErrorsOf(criteria), StringComparison.Ordinal);
}
