using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Switchyard.Sandbox.DataPoints;
using Switchyard.Sandbox.Hosting;
using Switchyard.Sandbox.Persistence;
using Switchyard.Sandbox.Track;
using Switchyard.Sandbox.Users;

namespace Switchyard.Sandbox.Tests.Track;

/// <summary>Runs track bodies straight through the processor against an in-memory store with a fake clock.</summary>
internal sealed class TrackHarness
{
    public const string Key = "unit-key";

    public static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public TrackHarness(SandboxOptions? options = null)
    {
        Settings = SandboxSettings.From(options ?? new SandboxOptions());
        Store = new UserStore(Settings, new InMemoryStatePersistence(), Ledger, Clock);
    }

    public FakeTimeProvider Clock { get; } = new(Start);

    public DataPointLedger Ledger { get; } = new();

    public SandboxSettings Settings { get; }

    public UserStore Store { get; }

    public long DataPoints => Ledger.Report(Key).Total.Total;

    public TrackOutcome Track(string json)
    {
        var body = JsonNode.Parse(json)!.AsObject();
        return Store.Write(Key, session => TrackProcessor.Process(
            session,
            body["attributes"]?.AsArray(),
            body["events"]?.AsArray(),
            body["purchases"]?.AsArray()));
    }

    /// <summary>Sends one attributes object and returns the data points it cost.</summary>
    public long Attributes(string attributesObject)
    {
        var before = DataPoints;
        var outcome = Track($$"""{"attributes":[{{attributesObject}}]}""");
        Assert.Empty(outcome.Errors);
        return DataPoints - before;
    }

    public string? AttributesError(string attributesObject) =>
        Track($$"""{"attributes":[{{attributesObject}}]}""").Errors.SingleOrDefault()?.Type;

    public SandboxUser User(string externalId) =>
        Store.Snapshot().Single(u => u.ExternalId == externalId);

    public JsonNode? Custom(string externalId, string attribute) =>
        User(externalId).CustomAttributes.GetValueOrDefault(attribute);

    public string CustomJson(string externalId, string attribute) =>
        Custom(externalId, attribute)?.ToJsonString() ?? "null";
}
