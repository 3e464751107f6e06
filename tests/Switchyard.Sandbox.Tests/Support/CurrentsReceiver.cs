using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Switchyard.Sandbox.Tests.Support;

/// <summary>
/// A stand-in for an mParticle Events API on a loopback Kestrel port: it records every request it gets and answers with
/// the statuses queued through <see cref="AnswerNext"/>, then 202 (mParticle's success answer).
/// </summary>
internal sealed class CurrentsReceiver : IAsyncDisposable
{
    /// <summary>Passed to <see cref="AnswerNext"/>: never answer, until the client gives up.</summary>
    public const int Hang = -1;

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(int Status, string? Location)> _answers = new();

    private CurrentsReceiver(WebApplication app)
    {
        _app = app;
        BaseAddress = new Uri(app.Urls.First());
    }

    public Uri BaseAddress { get; }

    public ConcurrentQueue<ReceivedRequest> Requests { get; } = new();

    public static async Task<CurrentsReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        CurrentsReceiver? receiver = null;
        app.MapPost("/{**path}", (HttpContext context) => receiver!.HandleAsync(context));
        await app.StartAsync();
        receiver = new CurrentsReceiver(app);
        return receiver;
    }

    public string Url(string path) => new Uri(BaseAddress, path).ToString();

    /// <summary>The next requests get these statuses, in order; later ones get 202 again.</summary>
    public void AnswerNext(params int[] statuses)
    {
        foreach (var status in statuses)
        {
            _answers.Enqueue((status, null));
        }
    }

    /// <summary>The next request gets this redirect status with a <c>Location</c> header.</summary>
    public void RedirectNext(int status, Uri location) => _answers.Enqueue((status, location.ToString()));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        var (status, location) = _answers.TryDequeue(out var queued) ? queued : (StatusCodes.Status202Accepted, null);
        if (status == Hang)
        {
            Requests.Enqueue(new ReceivedRequest(context.Request.Path.Value ?? "", context.Request.Headers.Authorization.ToString(), context.Request.ContentType, body, Hang));
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
            }

            return;
        }

        Requests.Enqueue(new ReceivedRequest(
            context.Request.Path.Value ?? "",
            context.Request.Headers.Authorization.ToString(),
            context.Request.ContentType,
            body,
            status));
        context.Response.StatusCode = status;
        if (location is not null)
        {
            context.Response.Headers.Location = location;
        }
    }
}
