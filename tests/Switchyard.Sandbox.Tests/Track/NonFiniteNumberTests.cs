namespace Switchyard.Sandbox.Tests.Track;

public sealed class NonFiniteNumberTests
{
    private readonly TrackHarness _sandbox = new();

    [Fact]
    public void A_number_beyond_a_double_is_ignored_and_bills_nothing()
    {
        _sandbox.Attributes("""{"external_id":"u1","n2":5}""");

        var cost = _sandbox.Attributes("""{"external_id":"u1","n2":1e400,"n3":-1e400}""");

        Assert.Equal("5", _sandbox.CustomJson("u1", "n2"));
        Assert.Null(_sandbox.Custom("u1", "n3"));
        Assert.Equal(0, cost);
    }

    [Fact]
    public void Inc_past_long_max_continues_as_a_double_instead_of_wrapping()
    {
        _sandbox.Attributes("""{"external_id":"u1","n":9223372036854775807}""");

        var cost = _sandbox.Attributes("""{"external_id":"u1","n":{"inc":1}}""");

        Assert.Equal(1, cost);
        Assert.Equal(9.223372036854775807e18, _sandbox.Custom("u1", "n")!.GetValue<double>());
    }

    [Fact]
    public void Inc_below_long_min_continues_as_a_double_instead_of_wrapping()
    {
        _sandbox.Attributes("""{"external_id":"u1","n":-9223372036854775808}""");

        _sandbox.Attributes("""{"external_id":"u1","n":{"inc":-1}}""");

        Assert.True(_sandbox.Custom("u1", "n")!.GetValue<double>() < 0);
    }

    [Fact]
    public void Inc_on_the_largest_double_stays_finite()
    {
        _sandbox.Attributes("""{"external_id":"u1","n":1.7976931348623157e308}""");

        var cost = _sandbox.Attributes("""{"external_id":"u1","n":{"inc":9223372036854775807}}""");

        Assert.Equal(1, cost);
        Assert.Equal(double.MaxValue, _sandbox.Custom("u1", "n")!.GetValue<double>());
    }

    [Theory]
    [InlineData("""{"inc":1e400}""")]
    [InlineData("""{"inc":1e30}""")]
    [InlineData("""{"inc":1.5}""")]
    public void An_inc_amount_that_is_not_a_long_is_ignored(string increment)
    {
        _sandbox.Attributes("""{"external_id":"u1","n":1}""");

        var cost = _sandbox.Attributes($$"""{"external_id":"u1","n":{{increment}}}""");

        Assert.Equal(0, cost);
        Assert.Equal("1", _sandbox.CustomJson("u1", "n"));
    }

    [Theory]
    [InlineData("""{"a":1,"b":{"c":1e400}}""")]
    [InlineData("""{"a":[1,1e400]}""")]
    [InlineData("""[1,1e400]""")]
    [InlineData("""[{"a":1},{"a":1e400}]""")]
    [InlineData("""{"add":[1e400]}""")]
    [InlineData("""{"$add":[{"a":1e400}]}""")]
    public void A_non_finite_number_inside_an_object_or_array_drops_the_whole_attribute(string value)
    {
        var cost = _sandbox.Attributes($$"""{"external_id":"u1","x":{{value}}}""");

        Assert.Equal(0, cost);
        Assert.Null(_sandbox.Custom("u1", "x"));
    }

    [Fact]
    public void An_update_of_an_object_array_with_a_non_finite_number_is_ignored()
    {
        _sandbox.Attributes("""{"external_id":"u1","pets":[{"id":1,"age":2}]}""");

        var cost = _sandbox.Attributes("""
            {"external_id":"u1","_merge_objects":true,"pets":{"$update":[{"$identifier_key":"id","$identifier_value":1,"$new_object":{"age":1e400}}]}}
            """);

        Assert.Equal(0, cost);
        Assert.Equal("""[{"id":1,"age":2}]""", _sandbox.CustomJson("u1", "pets"));
    }
}
