using Bunit;
using Microsoft.AspNetCore.Components;
using Switchyard.Console.Components.Pages;
using Switchyard.Core.Audiences;
using Switchyard.Core.Workspace;
using Switchyard.Tests.Support;

namespace Switchyard.Tests.Console;

public sealed class AudienceEditorPageTests
{
    private static readonly Workspace Workspace = new([TestService.Feed("app")]);

    [Fact]
    public async Task The_editor_shows_the_parsers_own_messages_and_saves_nothing_invalid()
    {
        await using var context = await ConsoleComponentContext.StartAsync(Workspace);
        var page = context.Bunit.Render<AudienceEdit>();
        const string Invalid = """{"id": 5, "name": "", "criteria": {"event": {"type": "custom_event"}, "within_days": -1}}""";

        page.Find("textarea").Input(Invalid);
        page.Find("#save").Click();

        var expected = AudienceDefinitionParser.Parse(Invalid).Errors.Select(e => e.ToString()).ToList();
        Assert.NotEmpty(expected);
        page.WaitForAssertion(() => Assert.Equal(expected, page.FindAll(".validation-message").Select(m => m.TextContent)));
        Assert.Null((await context.Storage.Audiences.GetAsync(5, CancellationToken.None)));
    }

    [Fact]
    public async Task A_valid_definition_is_saved_through_the_admin_path_and_an_existing_id_is_not_overwritten_from_new()
    {
        await using var context = await ConsoleComponentContext.StartAsync(Workspace);
        var page = context.Bunit.Render<AudienceEdit>();
        page.Find("textarea").Input("""{"id": 6, "name": "Players", "criteria": {"event": {"type": "custom_event", "name": "Played"}, "within_days": 7}}""");
        page.Find("#validate").Click();
        Assert.NotNull(page.Find("#validation-ok"));

        page.Find("#save").Click();
        var navigation = (NavigationManager)context.Bunit.Services.GetService(typeof(NavigationManager))!;
        page.WaitForAssertion(() => Assert.EndsWith("/audiences/6", navigation.Uri, StringComparison.Ordinal));
        Assert.NotNull(page.Find("#saved"));
        Assert.Contains("\"Players\"", (await context.Storage.Audiences.GetAsync(6, CancellationToken.None))!.DefinitionJson, StringComparison.Ordinal);

        var again = context.Bunit.Render<AudienceEdit>();
        again.Find("textarea").Input("""{"id": 6, "name": "Someone else", "criteria": {"event": {"type": "custom_event"}, "within_days": 7}}""");
        again.Find("#save").Click();
        again.WaitForAssertion(() => Assert.Contains("exists", again.Find(".validation-message").TextContent, StringComparison.Ordinal));
        Assert.Contains("\"Players\"", (await context.Storage.Audiences.GetAsync(6, CancellationToken.None))!.DefinitionJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_the_user_typed_survives_a_render_with_the_same_parameters()
    {
        await using var context = await ConsoleComponentContext.StartAsync(Workspace);
        var page = context.Bunit.Render<AudienceEdit>();
        const string Typed = """{"id": 8, "name": "Typed", "criteria": {"event": {"type": "custom_event"}, "within_days": 3}}""";
        page.Find("textarea").Input(Typed);

        page.Render();

        Assert.Equal(Typed, page.Instance.Json);
        Assert.Equal(Typed, page.Find("textarea").GetAttribute("value") ?? page.Find("textarea").TextContent);
    }
}
