namespace Switchyard.Sandbox.Tests.Track;

public sealed class CustomAttributeEdgeTests
{
    private readonly TrackHarness _sandbox = new();

    [Fact]
    public void Inc_on_a_non_number_starts_again_from_the_increment()
    {
        _sandbox.Attributes("""{"external_id":"u1","logins":"many"}""");

        _sandbox.Attributes("""{"external_id":"u1","logins":{"inc":3}}""");

        Assert.Equal("3", _sandbox.CustomJson("u1", "logins"));
    }

    [Fact]
    public void Inc_keeps_a_fractional_current_value_fractional()
    {
        _sandbox.Attributes("""{"external_id":"u1","balance":1.5}""");

        _sandbox.Attributes("""{"external_id":"u1","balance":{"inc":2}}""");

        Assert.Equal("3.5", _sandbox.CustomJson("u1", "balance"));
    }

    [Fact]
    public void Add_on_a_missing_attribute_creates_the_array()
    {
        _sandbox.Attributes("""{"external_id":"u1","tags":{"add":["a"]}}""");

        Assert.Equal("""["a"]""", _sandbox.CustomJson("u1", "tags"));
    }

    [Fact]
    public void Remove_on_a_missing_attribute_leaves_an_empty_array_and_bills_per_value()
    {
        var cost = _sandbox.Attributes("""{"external_id":"u1","tags":{"remove":["a","b"]}}""");

        Assert.Equal("[]", _sandbox.CustomJson("u1", "tags"));
        Assert.Equal(2, cost);
    }

    [Fact]
    public void An_add_with_an_object_value_is_ignored()
    {
        _sandbox.Attributes("""{"external_id":"u1","tags":["a"]}""");

        var cost = _sandbox.Attributes("""{"external_id":"u1","tags":{"add":[{"x":1}]}}""");

        Assert.Equal("""["a"]""", _sandbox.CustomJson("u1", "tags"));
        Assert.Equal(0, cost);
    }

    [Fact]
    public void An_invalid_dollar_time_is_ignored()
    {
        var cost = _sandbox.Attributes("""{"external_id":"u1","seen":{"$time":"not a date"},"trip":{"at":{"$time":"nope"}}}""");

        Assert.Null(_sandbox.Custom("u1", "seen"));
        Assert.Null(_sandbox.Custom("u1", "trip"));
        Assert.Equal(0, cost);
    }

    [Fact]
    public void A_nested_object_over_100_KB_is_ignored()
    {
        var big = string.Join(',', Enumerable.Range(0, 600).Select(i => $"\"k{i}\":\"{new string('x', 200)}\""));

        _sandbox.Attributes($$$"""{"external_id":"u1","blob":{ {{{big}}} }}""");

        Assert.Null(_sandbox.Custom("u1", "blob"));
    }

    [Fact]
    public void A_null_inside_a_merged_object_removes_that_key()
    {
        _sandbox.Attributes("""{"external_id":"u1","car":{"make":"VW","color":"red"}}""");

        _sandbox.Attributes("""{"external_id":"u1","_merge_objects":true,"car":{"color":null}}""");

        Assert.Equal("""{"make":"VW"}""", _sandbox.CustomJson("u1", "car"));
    }

    [Fact]
    public void An_object_array_remove_drops_every_match()
    {
        _sandbox.Attributes("""{"external_id":"u1","pets":[{"kind":"cat","n":1},{"kind":"dog","n":2},{"kind":"cat","n":3}]}""");

        _sandbox.Attributes("""{"external_id":"u1","pets":{"$remove":[{"$identifier_key":"kind","$identifier_value":"cat"}]}}""");

        Assert.Equal("""[{"kind":"dog","n":2}]""", _sandbox.CustomJson("u1", "pets"));
    }

    [Fact]
    public void An_object_array_add_with_a_non_object_is_ignored_entirely()
    {
        _sandbox.Attributes("""{"external_id":"u1","pets":[{"n":1}]}""");

        var cost = _sandbox.Attributes("""{"external_id":"u1","pets":{"$add":[{"n":2},3]}}""");

        Assert.Equal("""[{"n":1}]""", _sandbox.CustomJson("u1", "pets"));
        Assert.Equal(0, cost);
    }

    [Theory]
    [InlineData("")]
    [InlineData("$dollar")]
    public void A_custom_attribute_with_an_unusable_name_is_ignored(string name)
    {
        var cost = _sandbox.Attributes($$"""{"external_id":"u1","{{name}}":"v"}""");

        Assert.Empty(_sandbox.User("u1").CustomAttributes);
        Assert.Equal(0, cost);
    }

    [Fact]
    public void An_empty_array_clears_to_an_empty_array_and_costs_one()
    {
        _sandbox.Attributes("""{"external_id":"u1","tags":["a"]}""");

        var cost = _sandbox.Attributes("""{"external_id":"u1","tags":[]}""");

        Assert.Equal("[]", _sandbox.CustomJson("u1", "tags"));
        Assert.Equal(1, cost);
    }
}
