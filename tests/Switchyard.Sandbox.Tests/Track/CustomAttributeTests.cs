namespace Switchyard.Sandbox.Tests.Track;

public sealed class CustomAttributeTests
{
    private readonly TrackHarness _sandbox = new();

    [Fact]
    public void Scalars_of_every_type_are_stored_as_sent()
    {
        _sandbox.Attributes("""{"external_id":"u1","plan":"gold","score":12.5,"vip":true}""");

        Assert.Equal("\"gold\"", _sandbox.CustomJson("u1", "plan"));
        Assert.Equal("12.5", _sandbox.CustomJson("u1", "score"));
        Assert.Equal("true", _sandbox.CustomJson("u1", "vip"));
    }

    [Fact]
    public void Null_deletes_an_attribute_and_still_costs_a_data_point()
    {
        _sandbox.Attributes("""{"external_id":"u1","plan":"gold"}""");

        var cost = _sandbox.Attributes("""{"external_id":"u1","plan":null}""");

        Assert.Null(_sandbox.Custom("u1", "plan"));
        Assert.Equal(1, cost);
    }

    [Fact]
    public void A_string_longer_than_255_characters_is_ignored_and_not_billed()
    {
        var cost = _sandbox.Attributes($$"""{"external_id":"u1","bio_text":"{{new string('x', 256)}}","ok":"{{new string('y', 255)}}"}""");

        Assert.Null(_sandbox.Custom("u1", "bio_text"));
        Assert.NotNull(_sandbox.Custom("u1", "ok"));
        Assert.Equal(1, cost);
    }

    [Fact]
    public void Inc_adds_to_the_current_number_and_starts_from_zero()
    {
        _sandbox.Attributes("""{"external_id":"u1","logins":{"inc":2}}""");
        _sandbox.Attributes("""{"external_id":"u1","logins":{"inc":5}}""");
        _sandbox.Attributes("""{"external_id":"u1","logins":{"inc":-3}}""");

        Assert.Equal("4", _sandbox.CustomJson("u1", "logins"));
    }

    [Fact]
    public void Inc_with_a_fraction_is_ignored()
    {
        _sandbox.Attributes("""{"external_id":"u1","logins":{"inc":1.5}}""");

        Assert.Null(_sandbox.Custom("u1", "logins"));
    }

    [Fact]
    public void Date_like_strings_become_canonical_utc_times()
    {
        _sandbox.Attributes("""{"external_id":"u1","renewal":"2030-01-02T03:04:05+01:00","joined":"2020-05-28"}""");

        // A future custom attribute time is kept: only event and purchase times are clamped.
        Assert.Equal("\"2030-01-02T02:04:05.000Z\"", _sandbox.CustomJson("u1", "renewal"));
        Assert.Equal("\"2020-05-28T00:00:00.000Z\"", _sandbox.CustomJson("u1", "joined"));
    }

    [Fact]
    public void A_date_after_the_year_3000_stays_a_string()
    {
        _sandbox.Attributes("""{"external_id":"u1","far":"3001-01-01"}""");

        Assert.Equal("\"3001-01-01\"", _sandbox.CustomJson("u1", "far"));
    }

    [Fact]
    public void Dollar_time_objects_are_times()
    {
        _sandbox.Attributes("""{"external_id":"u1","seen":{"$time":"2021-01-01"}}""");

        Assert.Equal("\"2021-01-01T00:00:00.000Z\"", _sandbox.CustomJson("u1", "seen"));
    }

    [Fact]
    public void Setting_an_array_keeps_unique_values_and_costs_one()
    {
        var cost = _sandbox.Attributes("""{"external_id":"u1","tags":["a","b","a","c"]}""");

        Assert.Equal("""["b","a","c"]""", _sandbox.CustomJson("u1", "tags"));
        Assert.Equal(1, cost);
    }

    [Fact]
    public void Add_appends_unique_values_and_moves_a_re_added_value_to_the_end()
    {
        _sandbox.Attributes("""{"external_id":"u1","tags":["a","b","c"]}""");

        var cost = _sandbox.Attributes("""{"external_id":"u1","tags":{"add":["a","d"]}}""");

        Assert.Equal("""["b","c","a","d"]""", _sandbox.CustomJson("u1", "tags"));
        Assert.Equal(2, cost);
    }

    [Fact]
    public void Remove_deletes_values_and_both_operations_may_share_one_object()
    {
        _sandbox.Attributes("""{"external_id":"u1","tags":["a","b","c"]}""");

        _sandbox.Attributes("""{"external_id":"u1","tags":{"add":["d"],"remove":["a","zzz"]}}""");

        Assert.Equal("""["b","c","d"]""", _sandbox.CustomJson("u1", "tags"));
    }

    [Fact]
    public void Adding_beyond_the_default_cap_of_25_drops_the_oldest_values()
    {
        var values = string.Join(',', Enumerable.Range(1, 30).Select(i => $"\"v{i}\""));

        _sandbox.Attributes($$$"""{"external_id":"u1","tags":{"add":[{{{values}}}]}}""");

        var tags = _sandbox.Custom("u1", "tags")!.AsArray();
        Assert.Equal(25, tags.Count);
        Assert.Equal("v6", (string?)tags[0]);
        Assert.Equal("v30", (string?)tags[24]);
    }

    [Fact]
    public void The_array_cap_is_configurable()
    {
        var sandbox = new TrackHarness(new Switchyard.Sandbox.Hosting.SandboxOptions { ArrayAttributeCap = 2 });

        sandbox.Attributes("""{"external_id":"u1","tags":["a","b","c"]}""");

        Assert.Equal("""["b","c"]""", sandbox.CustomJson("u1", "tags"));
    }

    [Fact]
    public void Nested_arrays_are_ignored_because_arrays_are_one_dimensional()
    {
        var cost = _sandbox.Attributes("""{"external_id":"u1","grid":[[1,2],[3]]}""");

        Assert.Null(_sandbox.Custom("u1", "grid"));
        Assert.Equal(0, cost);
    }

    [Fact]
    public void A_nested_object_replaces_the_old_one_unless_merge_objects_is_set()
    {
        _sandbox.Attributes("""{"external_id":"u1","car":{"make":"VW","year":2019}}""");
        _sandbox.Attributes("""{"external_id":"u1","car":{"color":"red"}}""");
        Assert.Equal("""{"color":"red"}""", _sandbox.CustomJson("u1", "car"));

        var cost = _sandbox.Attributes("""{"external_id":"u1","_merge_objects":true,"car":{"make":"VW","engine":{"hp":90}}}""");

        Assert.Equal("""{"color":"red","make":"VW","engine":{"hp":90}}""", _sandbox.CustomJson("u1", "car"));
        Assert.Equal(2, cost);
    }

    [Fact]
    public void A_nested_object_with_a_bad_key_is_dropped_entirely()
    {
        _sandbox.Attributes("""{"external_id":"u1","car":{"make":"VW"}}""");

        var cost = _sandbox.Attributes("""{"external_id":"u1","_merge_objects":true,"car":{"year":2020,"bad.key":1}}""");

        Assert.Equal("""{"make":"VW"}""", _sandbox.CustomJson("u1", "car"));
        Assert.Equal(0, cost);
    }

    [Fact]
    public void Nested_dollar_time_values_become_times()
    {
        _sandbox.Attributes("""{"external_id":"u1","trip":{"booked":{"$time":"2020-05-28"}}}""");

        Assert.Equal("""{"booked":"2020-05-28T00:00:00.000Z"}""", _sandbox.CustomJson("u1", "trip"));
    }

    [Fact]
    public void Arrays_of_objects_support_add_update_and_remove()
    {
        var created = _sandbox.Attributes("""{"external_id":"u1","pets":[{"id":1,"name":"Rex"},{"id":2,"name":"Tom"}]}""");
        var added = _sandbox.Attributes("""{"external_id":"u1","pets":{"$add":[{"id":3,"name":"Kit"}]}}""");
        var updated = _sandbox.Attributes("""{"external_id":"u1","_merge_objects":true,"pets":{"$update":[{"$identifier_key":"id","$identifier_value":2,"$new_object":{"name":"Tommy"}}]}}""");
        _sandbox.Attributes("""{"external_id":"u1","pets":{"$remove":[{"$identifier_key":"id","$identifier_value":1}]}}""");

        Assert.Equal("""[{"id":2,"name":"Tommy"},{"id":3,"name":"Kit"}]""", _sandbox.CustomJson("u1", "pets"));
        Assert.Equal(4, created);
        Assert.Equal(2, added);
        Assert.Equal(1, updated);
    }

    [Fact]
    public void Update_in_an_array_of_objects_needs_merge_objects()
    {
        _sandbox.Attributes("""{"external_id":"u1","pets":[{"id":1,"name":"Rex"}]}""");

        _sandbox.Attributes("""{"external_id":"u1","pets":{"$update":[{"$identifier_key":"id","$identifier_value":1,"$new_object":{"name":"Max"}}]}}""");

        Assert.Equal("""[{"id":1,"name":"Rex"}]""", _sandbox.CustomJson("u1", "pets"));
    }
}
