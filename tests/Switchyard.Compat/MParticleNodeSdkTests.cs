using System.Text.Json;
using Microsoft.Extensions.Logging;
using Switchyard.Compat.Support;
using Switchyard.Core.Ingest;
using Switchyard.Core.Ingest.Model;
using Switchyard.Core.Workspace;
using Switchyard.Hosting;

namespace Switchyard.Compat;

/// <summary>The official mParticle Node SDK (npm <c>mparticle</c>) sends to Switchyard as it would to mParticle.</summary>
public sealed class MParticleNodeSdkTests : IAsyncLifetime
{
    private const string Key = "compat-key";
    private const string Secret = "compat-secret-0123456789";
    private readonly string _data = Path.Combine(Path.GetTempPath(), "switchyard-compat-" + Guid.NewGuid().ToString("N"));
    private SwitchyardHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await SwitchyardHost.StartAsync(new ServeSettings
        {
            Workspace = new Workspace([new InputFeed("node", "Node SDK", Key, Secret, null, FeedRateLimit.Default)]),
            DataDirectory = _data,
            Port = 0,
            MinimumLogLevel = LogLevel.Warning,
        });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task Batches_from_the_mParticle_node_sdk_are_accepted_and_stored_as_sent()
    {
        var printed = await NodeScript.RunAsync("mparticle-compat.js", _host.BaseAddress.ToString(), Key, Secret);

        using var results = JsonDocument.Parse(printed);
        Assert.Equal(202, results.RootElement.GetProperty("single").GetProperty("status").GetInt32());
        Assert.Equal(202, results.RootElement.GetProperty("bulk").GetProperty("status").GetInt32());
        Assert.Equal(202, results.RootElement.GetProperty("repeated").GetProperty("status").GetInt32());
        Assert.Equal(403, results.RootElement.GetProperty("wrongSecret").GetProperty("status").GetInt32());

        // The repeated batch carried the same source_request_id, so the inbox holds two batches, not three.
        var stored = await _host.Inbox.ReadAsync(0, 10, default);
        Assert.Equal(2, stored.Count);
        Assert.All(stored, b => Assert.Equal("node", b.FeedId));

        var custom = Parse(stored[0].Payload);
        Assert.Equal("compat-custom-1", custom.SourceRequestId);
        Assert.Equal(BatchEnvironment.Development, custom.Environment);
        Assert.Equal("compat-user-1", custom.UserIdentities?.CustomerId);
        Assert.Equal("compat@example.com", custom.UserIdentities?.Email);
        Assert.Equal(3, custom.UserAttributes.Count);
        var hello = Assert.IsType<CustomEventData>(Assert.Single(custom.Events).Data);
        Assert.Equal("Hello World", hello.EventName);
        Assert.Equal(CustomEventType.Navigation, hello.CustomEventType);

        var commerce = Parse(stored[1].Payload);
        Assert.Equal("compat-user-2", commerce.UserIdentities?.CustomerId);
        Assert.Equal("07d2ebaa-e956-407e-a1e6-f05f871bf4e2", commerce.DeviceInfo?.IosAdvertisingId);
        Assert.Equal(2, commerce.Events.Count);
        Assert.Equal("Checkout", Assert.IsType<ScreenViewEventData>(commerce.Events[0].Data).ScreenName);
        var purchase = Assert.IsType<CommerceEventData>(commerce.Events[1].Data);
        Assert.Equal(ProductActionType.Purchase, purchase.ProductAction?.Action);
        Assert.Equal("tx-1001", purchase.ProductAction?.TransactionId);
        Assert.Equal("EUR", purchase.CurrencyCode);
        var product = Assert.Single(purchase.ProductAction!.Products);
        Assert.Equal(("sku-42", 2m), (product.Id, product.Quantity));
    }

    private static Batch Parse(byte[] payload)
    {
        var result = EventsApiParser.ParseBatch(payload, new IngestParseOptions(TimeProvider.System.GetUtcNow()));
        Assert.True(result.IsSuccess, result.Failure?.Errors[0].Message);
        return result.Batches[0].Batch;
    }
}
