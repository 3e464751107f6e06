using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Switchyard.Sandbox.Control;
using Switchyard.Sandbox.Segments;

namespace Switchyard.Sandbox.Tests.Support;

/// <summary>
/// A real Kestrel server on 127.0.0.1 with the control pieces in their documented order, a stand-in for the host's
/// auth (a request without a bearer key gets 401) and trivial Braze routes.
/// </summary>
internal sealed class SandboxTestHost : IAsyncDisposable
{
    public const string Key = "sk-test-0123456789abcdef";

    private readonly WebApplication _app;

    private SandboxTestHost(WebApplication app, HttpClient client)
    {
        _app = app;
        Client = client;
    }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<SandboxTestHost> StartAsync(
        TimeProvider time, SandboxControlOptions? options = null, ISandboxUserDirectory? users = null, bool registerUsers = true)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddSingleton(time);
        if (registerUsers)
        {
            builder.Services.AddSingleton(users ?? new TestUserDirectory());
        }

        builder.Services.AddSandboxControl(options);

        var app = builder.Build();
        app.UseSandboxRequestLog();
        app.UseSandboxFaults();
        app.Use(RequireBearerKey);
        app.UseSandboxRateLimits();
        app.MapPost("/users/track", HandleTrackAsync);
        app.MapPost("/users/{**rest}", (string rest) => Results.Json(new JsonObject { ["message"] = "success" }));
        app.MapSandboxControl();
        await app.StartAsync();

        var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        return new SandboxTestHost(app, client);
    }

    public Task<HttpResponseMessage> TrackAsync(string body = """{"attributes":[{"external_id":"u1","first_name":"Ada"}]}""") =>
        Client.PostAsync("/users/track", Json(body));

    public Task<HttpResponseMessage> PostAsync(string path, string body) => Client.PostAsync(path, Json(body));

    public Task<HttpResponseMessage> PutAsync(string path, string body) => Client.PutAsync(path, Json(body));

    public async Task<JsonNode> GetJsonAsync(string path)
    {
        using var response = await Client.GetAsync(path);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    public static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    public static async Task<JsonNode> BodyAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static async Task RequireBearerKey(HttpContext context, RequestDelegate next)
    {
        if (context.Request.Path.StartsWithSegments("/_sandbox")
            || context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.Ordinal))
        {
            await next(context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        await context.Response.WriteAsJsonAsync(new JsonObject { ["message"] = "Invalid API key" });
    }

    private static async Task<IResult> HandleTrackAsync(HttpRequest request)
    {
        // Reads the body like the real endpoint does, so the request log sees it.
        var body = await JsonNode.ParseAsync(request.Body);
        var attributes = body?["attributes"]?.AsArray().Count ?? 0;
        return Results.Json(new JsonObject { ["message"] = "success", ["attributes_processed"] = attributes }, statusCode: 201);
    }
}
