using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Switchyard.Sandbox.Control;
using Switchyard.Sandbox.Segments;

namespace Switchyard.Sandbox.Tests.Segments;

public sealed class SegmentCatalogTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "sandbox-segments-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(FilterHarness.Now);

    [Fact]
    public void Definitions_survive_a_restart_when_a_data_directory_is_set()
    {
        var first = new SegmentCatalog(_directory, _time);
        Assert.NotNull(first.Define("vip", Body("""{"attribute":"tier","operator":"equals","value":"gold"}"""), []));
        Assert.NotNull(first.Define("gone", Body("""{"attribute":"a","operator":"is_blank"}"""), []));
        Assert.True(first.Remove("gone"));

        var second = new SegmentCatalog(_directory, _time);
        var vip = Assert.Single(second.List());
        Assert.Equal("vip", vip.Name);
        Assert.Equal(FilterHarness.Now, vip.UpdatedAt);
        Assert.Equal("gold", vip.Filter["value"]!.GetValue<string>());
    }

    [Fact]
    public void Reset_removes_every_definition_also_from_disk()
    {
        var catalog = new SegmentCatalog(_directory, _time);
        catalog.Define("vip", Body("""{"attribute":"a","operator":"is_blank"}"""), []);
        catalog.Reset();
        Assert.Empty(catalog.List());
        Assert.Empty(new SegmentCatalog(_directory, _time).List());
    }

    [Fact]
    public void An_invalid_definition_is_not_stored()
    {
        var catalog = new SegmentCatalog(null, _time);
        var errors = new List<FieldError>();
        Assert.Null(catalog.Define("bad", Body("""{"attribute":"a","operator":"equals"}"""), errors));
        Assert.Equal("filter.value", Assert.Single(errors).Field);
        Assert.Empty(catalog.List());
    }

    [Fact]
    public void A_body_without_filter_is_rejected()
    {
        var errors = new List<FieldError>();
        Assert.Null(new SegmentCatalog(null, _time).Define("x", JsonNode.Parse("""{"filters":[]}"""), errors));
        Assert.Equal("filter", Assert.Single(errors).Field);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static JsonNode Body(string filter) => JsonNode.Parse($$"""{"filter":{{filter}}}""")!;
}
