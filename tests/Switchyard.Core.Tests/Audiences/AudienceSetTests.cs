using Switchyard.Core.Audiences;
using static Switchyard.Core.Tests.Audiences.AudienceTestData;

namespace Switchyard.Core.Tests.Audiences;

public sealed class AudienceSetTests
{
    [Fact]
    public void Member_of_an_existing_plain_audience_is_valid() =>
        Assert.Empty(AudienceDefinitionParser.ValidateSet([
            Definition("""{"identity":"email"}""", id: 1),
            Definition("""{"and":[{"member_of":1},{"attribute":"plan","operator":"exists"}]}""", id: 2),
        ]));

    [Fact]
    public void Member_of_an_audience_that_uses_member_of_is_refused_as_nested()
    {
        var errors = AudienceDefinitionParser.ValidateSet([
            Definition("""{"identity":"email"}""", id: 1),
            Definition("""{"member_of":1}""", id: 2),
            Definition("""{"or":[{"identity":"other"},{"member_of":2}]}""", id: 3),
        ]);

        var error = Assert.Single(errors);
        Assert.Equal("[2].criteria.or[1].member_of", error.Path);
        Assert.Contains("audience 2 uses member_of itself", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_audience_cannot_be_a_member_of_itself()
    {
        var error = Assert.Single(AudienceDefinitionParser.ValidateSet([Definition("""{"member_of":5}""", id: 5)]));
        Assert.Equal("[0].criteria.member_of", error.Path);
    }

    [Fact]
    public void Member_of_a_missing_audience_is_refused()
    {
        var error = Assert.Single(AudienceDefinitionParser.ValidateSet([Definition("""{"not":{"member_of":9}}""", id: 1)]));
        Assert.Equal("[0].criteria.not.member_of: audience 9 does not exist.", error.ToString());
    }

    [Fact]
    public void Ids_must_be_unique()
    {
        var error = Assert.Single(AudienceDefinitionParser.ValidateSet([
            Definition("""{"identity":"email"}""", id: 4),
            Definition("""{"identity":"other"}""", id: 4),
        ]));
        Assert.Equal("[1].id: audience 4 is defined twice (also at [0]).", error.ToString());
    }

    [Fact]
    public void Errors_of_each_definition_are_reported_with_its_index()
    {
        var invalid = new AudienceDefinition { Id = 3, Name = "", Criteria = new Criterion { Identity = "fax" } };
        var errors = AudienceDefinitionParser.ValidateSet([Definition("""{"identity":"email"}"""), invalid]);
        Assert.Equal(["[1].name", "[1].criteria.identity"], errors.Select(e => e.Path));
    }

    [Fact]
    public void The_catalog_refuses_an_invalid_set()
    {
        var error = Assert.Throws<ArgumentException>(() => AudienceCatalog.Create([Definition("""{"member_of":2}""")]));
        Assert.Contains("[0].criteria.member_of: audience 2 does not exist", error.Message, StringComparison.Ordinal);
    }
}
