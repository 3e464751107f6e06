using Switchyard.Core.Delivery.Engine;
using Switchyard.Core.Workspace;

namespace Switchyard.Core.Tests.Workspace;

public sealed class LiveWorkspaceTests
{
    private const string Secret = "0123456789abcdef0123";

    private static readonly OutputTypeRegistry Types = new([new AnySettings("braze"), new AnySettings("braze_audience"), new AnySettings("mparticle")]);

    private static readonly Switchyard.Core.Workspace.Workspace File = new([new InputFeed("app", "app", "app-key", Secret, null, FeedRateLimit.Default)])
    {
        Outputs = [new OutputDefinition("braze", "braze", "{}")],
        Connections = [new Connection("app", "braze")],
    };

    [Fact]
    public async Task A_created_input_output_and_connection_are_in_the_next_snapshot_and_in_the_store()
    {
        var store = new MemoryStore();
        var live = await OpenAsync(store);
        var published = new List<Switchyard.Core.Workspace.Workspace>();
        live.Changed += published.Add;

        Assert.Equal(WorkspaceEditStatus.Created, (await live.CreateInputAsync($$"""{"id":"shop","key":"shop-key","secret":"{{Secret}}"}""", CancellationToken.None)).Status);
        Assert.Equal(WorkspaceEditStatus.Created, (await live.CreateOutputAsync("""{"id":"relay","type":"mparticle","settings":{"endpoint":"x"}}""", CancellationToken.None)).Status);
        Assert.Equal(WorkspaceEditStatus.Created, (await live.CreateConnectionAsync("""{"input":"shop","output":"relay"}""", CancellationToken.None)).Status);

        Assert.Equal(3, published.Count);
        Assert.Same(live.Current, published[^1]);
        Assert.Equal(["app", "shop"], live.Current.Inputs.Select(i => i.Id));
        Assert.Equal(["relay"], live.Current.DeliveryOutputsOf("shop"));
        Assert.Equal(3, (await store.WorkspaceEntriesAsync(CancellationToken.None)).Count);
        Assert.Same(File.Inputs[0], live.Current.Inputs[0]);
    }

    [Fact]
    public async Task What_was_saved_comes_back_when_the_workspace_is_opened_again()
    {
        var store = new MemoryStore();
        var live = await OpenAsync(store);
        await live.CreateInputAsync($$$"""{"id":"shop","key":"shop-key","secret":"{{{Secret}}}","rateLimit":{"batchesPerSecond":5}}""", CancellationToken.None);
        await live.CreateConnectionAsync("""{"input":"shop","output":"braze","echo":"forward"}""", CancellationToken.None);

        var again = await OpenAsync(store);

        var shop = again.Current.Inputs.Single(i => i.Id == "shop");
        Assert.Equal((Secret, new FeedRateLimit(5, 10)), (shop.Secret, shop.RateLimit));
        Assert.Equal(EchoPolicy.Forward, again.Current.Connections.Single(c => c.InputId == "shop").Echo);
    }

    [Theory]
    [InlineData("""{"id":"shop","key":"shop-key"}""", "secret: is required.")]
    [InlineData("""{"id":"shop","key":"shop-key","secret":"replace-with-a-secret-of-yours"}""", "secret: still the placeholder")]
    [InlineData("""{"id":"shop","key":"shop-key","secret":"0123456789abcdef0123","strict":"yes"}""", "strict: ")]
    [InlineData("""{"id":"shop","key":"shop-key","secret":"0123456789abcdef0123","colour":"red"}""", "unknown field 'colour'.")]
    [InlineData("""{"id":"Shop!","key":"shop-key","secret":"0123456789abcdef0123"}""", "id: 'Shop!' must be")]
    [InlineData("""{"id":"shop","key":"shop-key","secret":"0123456789abcdef0123","rateLimit":{"batchesPerSecond":0}}""", "rateLimit.batchesPerSecond: must be")]
    [InlineData("null", "the body: must be an object.")]
    public async Task An_input_that_breaks_a_rule_of_the_file_is_refused_naming_the_field_inside_the_body(string body, string message)
    {
        var live = await OpenAsync(new MemoryStore());

        var edit = await live.CreateInputAsync(body, CancellationToken.None);

        Assert.Equal(WorkspaceEditStatus.Invalid, edit.Status);
        Assert.StartsWith(message, edit.Message, StringComparison.Ordinal);
        Assert.Single(live.Current.Inputs);
    }

    [Fact]
    public async Task Outputs_and_connections_are_refused_with_the_field_named()
    {
        var live = await OpenAsync(new MemoryStore());

        Assert.Equal("type: 'segment' is not an output type (braze, braze_audience, mparticle).", (await live.CreateOutputAsync("""{"id":"x","type":"segment","settings":{}}""", CancellationToken.None)).Message);
        Assert.Equal("settings.bad: is not allowed here.", (await live.CreateOutputAsync("""{"id":"x","type":"mparticle","settings":{"bad":1}}""", CancellationToken.None)).Message);
        Assert.StartsWith("type: braze_audience outputs are set in the workspace file", (await live.CreateOutputAsync("""{"id":"x","type":"braze_audience","settings":{}}""", CancellationToken.None)).Message, StringComparison.Ordinal);
        Assert.Equal("output: there is no output 'nowhere'.", (await live.CreateConnectionAsync("""{"input":"app","output":"nowhere"}""", CancellationToken.None)).Message);
        Assert.Equal("input: is required.", (await live.CreateConnectionAsync("""{"output":"braze"}""", CancellationToken.None)).Message);
    }

    [Fact]
    public async Task The_files_entries_cannot_be_created_again_changed_or_deleted()
    {
        var live = await OpenAsync(new MemoryStore());
        var before = live.Current;

        var again = await live.CreateInputAsync($$"""{"id":"app","key":"other-key","secret":"{{Secret}}"}""", CancellationToken.None);
        var changed = await live.ReplaceOutputAsync("braze", """{"type":"braze","settings":{}}""", CancellationToken.None);
        var deleted = await live.DeleteConnectionAsync("app", "braze", CancellationToken.None);

        Assert.All([again, changed, deleted], e => Assert.Equal(WorkspaceEditStatus.Conflict, e.Status));
        Assert.Contains("is set in the workspace file, which wins", deleted.Message, StringComparison.Ordinal);
        Assert.Same(before, live.Current);
    }

    [Fact]
    public async Task A_key_in_use_an_existing_id_and_an_input_still_connected_are_conflicts_and_unknown_ids_are_not_found()
    {
        var live = await OpenAsync(new MemoryStore());
        await live.CreateInputAsync($$"""{"id":"shop","key":"shop-key","secret":"{{Secret}}"}""", CancellationToken.None);
        await live.CreateConnectionAsync("""{"input":"shop","output":"braze"}""", CancellationToken.None);

        Assert.Equal("key: is used by input 'app'; keys must be unique.", (await live.CreateInputAsync($$"""{"id":"other","key":"app-key","secret":"{{Secret}}"}""", CancellationToken.None)).Message);
        Assert.Equal(WorkspaceEditStatus.Conflict, (await live.CreateInputAsync($$"""{"id":"shop","key":"new-key","secret":"{{Secret}}"}""", CancellationToken.None)).Status);
        var inUse = await live.DeleteInputAsync("shop", CancellationToken.None);
        Assert.Equal(WorkspaceEditStatus.Conflict, inUse.Status);
        Assert.Contains("shop/braze", inUse.Message, StringComparison.Ordinal);
        Assert.Equal(WorkspaceEditStatus.NotFound, (await live.DeleteInputAsync("nobody", CancellationToken.None)).Status);
        Assert.Equal(WorkspaceEditStatus.NotFound, (await live.ReplaceConnectionAsync("app", "nowhere", "{}", CancellationToken.None)).Status);

        Assert.Equal(WorkspaceEditStatus.Deleted, (await live.DeleteConnectionAsync("shop", "braze", CancellationToken.None)).Status);
        Assert.Equal(WorkspaceEditStatus.Deleted, (await live.DeleteInputAsync("shop", CancellationToken.None)).Status);
        Assert.Same(File.Inputs[0], Assert.Single(live.Current.Inputs));
    }

    [Fact]
    public async Task A_change_keeps_the_secret_it_leaves_out_or_sends_back_redacted_and_cannot_rename()
    {
        var live = await OpenAsync(new MemoryStore());
        await live.CreateInputAsync($$"""{"id":"shop","key":"shop-key","secret":"{{Secret}}"}""", CancellationToken.None);

        Assert.Equal(WorkspaceEditStatus.Changed, (await live.ReplaceInputAsync("shop", """{"key":"shop-key-2","name":"Shop"}""", CancellationToken.None)).Status);
        Assert.Equal(WorkspaceEditStatus.Changed, (await live.ReplaceInputAsync("shop", """{"key":"shop-key-3","secret":"[redacted]"}""", CancellationToken.None)).Status);
        var renamed = await live.ReplaceInputAsync("shop", """{"id":"store","key":"shop-key-3"}""", CancellationToken.None);

        var shop = live.Current.Inputs.Single(i => i.Id == "shop");
        Assert.Equal(("shop-key-3", Secret, "shop"), (shop.Key, shop.Secret, shop.Name));
        Assert.Equal(WorkspaceEditStatus.Invalid, renamed.Status);
        Assert.StartsWith("id: is 'store', but the path names 'shop'", renamed.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, WorkspaceEntries.Describe(shop, redactSecret: true), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_outputs_type_cannot_change()
    {
        var live = await OpenAsync(new MemoryStore());
        await live.CreateOutputAsync("""{"id":"relay","type":"mparticle","settings":{}}""", CancellationToken.None);

        var edit = await live.ReplaceOutputAsync("relay", """{"type":"braze","settings":{}}""", CancellationToken.None);

        Assert.Equal(WorkspaceEditStatus.Conflict, edit.Status);
        Assert.StartsWith("type: an output's type cannot change", edit.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_saved_entry_the_file_now_lists_is_left_out_with_a_warning()
    {
        var store = new MemoryStore();
        await store.SaveWorkspaceEntryAsync(WorkspaceEntryKind.Input, "app", $$"""{"id":"app","key":"runtime-key","secret":"{{Secret}}"}""", CancellationToken.None);
        await store.SaveWorkspaceEntryAsync(WorkspaceEntryKind.Connection, "app/gone", """{"input":"app","output":"gone"}""", CancellationToken.None);
        var warnings = new List<string>();

        var live = await LiveWorkspace.OpenAsync(File, store, Types, warnings, null, CancellationToken.None);

        Assert.Equal("app-key", Assert.Single(live.Current.Inputs).Key);
        Assert.Equal(2, warnings.Count);
        Assert.Contains("the file wins", warnings[0], StringComparison.Ordinal);
        Assert.Contains("output: there is no output 'gone'.", warnings[1], StringComparison.Ordinal);
    }

    private static Task<LiveWorkspace> OpenAsync(MemoryStore store) => LiveWorkspace.OpenAsync(File, store, Types, new List<string>(), null, CancellationToken.None);

    private sealed class MemoryStore : IWorkspaceEntryStore
    {
        private readonly List<StoredWorkspaceEntry> _entries = [];
        private long _clock;

        public Task<IReadOnlyList<StoredWorkspaceEntry>> WorkspaceEntriesAsync(CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<StoredWorkspaceEntry>>([.. _entries.OrderBy(e => e.UpdatedAtMs)]);

        public Task SaveWorkspaceEntryAsync(WorkspaceEntryKind kind, string id, string json, CancellationToken cancellationToken)
        {
            Remove(kind, id);
            _entries.Add(new StoredWorkspaceEntry(kind, id, json, ++_clock));
            return Task.CompletedTask;
        }

        public Task<bool> DeleteWorkspaceEntryAsync(WorkspaceEntryKind kind, string id, CancellationToken cancellationToken) => Task.FromResult(Remove(kind, id));

        private bool Remove(WorkspaceEntryKind kind, string id) => _entries.RemoveAll(e => e.Kind == kind && e.Id == id) > 0;
    }

    /// <summary>Takes any settings except a field called <c>bad</c>.</summary>
    private sealed class AnySettings(string name) : IOutputType
    {
        public string Name => name;

        public OutputSettingsResult ParseSettings(string settingsJson) =>
            settingsJson.Contains("\"bad\"", StringComparison.Ordinal) ? OutputSettingsResult.Invalid("bad", "is not allowed here.") : OutputSettingsResult.Valid(settingsJson);

        public IOutputSender CreateSender(OutputSetup setup) => throw new NotSupportedException();
    }
}
