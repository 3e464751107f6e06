using System.Net;
using System.Text;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Testing.Hostile;
using Switchyard.Tests.Support;

namespace Switchyard.Tests.Console;

/// <summary>
/// The console's own endpoints (pages, sign-in and sign-out, assets, Blazor's connection, the API reference) met with
/// requests a browser would never send: none answers with a 5xx, a page without the cookie leads to the sign-in, and
/// the service keeps serving.
/// </summary>
public sealed class ConsoleHostileTests
{
    private static readonly string[] Bodies =
    [
        "", "token=%ZZ&&&=", "{\"token\":", "__RequestVerificationToken=forged&Form.Token=admin", new string('a', 300_000),
    ];

    [Fact]
    public async Task Console_routes_answer_odd_requests_without_a_server_error_and_pages_want_the_sign_in()
    {
        await using var service = await TestService.StartAsync();
        var endpoints = service.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().Where(EndpointRoutes.IsConsole).ToList();
        Assert.True(endpoints.Count > 10, "too few console endpoints: " + endpoints.Count);
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = service.Host.BaseAddress };

        var failures = new List<string>();
        var paths = endpoints.Select(e => Concrete(e.RoutePattern.RawText ?? "/")).Distinct().ToList();
        foreach (var path in paths)
        {
            using (var get = await client.GetAsync(path))
            {
                if ((int)get.StatusCode >= 500)
                {
                    failures.Add($"GET {path}: {(int)get.StatusCode}");
                }
            }

            foreach (var body in Bodies)
            {
                foreach (var type in new[] { "application/x-www-form-urlencoded", "application/json", "text/plain" })
                {
                    using var post = await client.PostAsync(path, new StringContent(body, Encoding.UTF8, type));
                    if ((int)post.StatusCode >= 500)
                    {
                        failures.Add($"POST {path} ({type}, {body.Length} bytes): {(int)post.StatusCode}");
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
        foreach (var page in new[] { "/", "/live", "/dead-letters", "/audiences/3/edit", "/sandbox" })
        {
            using var answer = await client.GetAsync(page);
            Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
            Assert.Equal("/signin", answer.Headers.Location!.AbsolutePath);
        }

        // A sign-out posted without the page's form token (a cross-site form) is refused with a JSON error.
        using var signOut = await client.PostAsync("/signout", new StringContent("", Encoding.UTF8, "application/x-www-form-urlencoded"));
        Assert.Equal(HttpStatusCode.BadRequest, signOut.StatusCode);
        Assert.Contains("__RequestVerificationToken", await signOut.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var health = await client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    private static string Concrete(string pattern) =>
        "/" + pattern.TrimStart('/')
            .Replace("{Id:int}", "1", StringComparison.Ordinal)
            .Replace("{Input}", "app", StringComparison.Ordinal)
            
            .Replace("{documentName?}", "v1", StringComparison.Ordinal);
}
