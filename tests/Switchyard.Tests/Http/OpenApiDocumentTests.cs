using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Switchyard.Core.Workspace;
using Switchyard.Testing.Hostile;
using Switchyard.Tests.Support;

namespace Switchyard.Tests.Http;

/// <summary>
/// <c>/openapi/v1.json</c> describes every route the host maps: its success and error answers with their schemas, its
/// request body, and how it is authenticated. Routes are read from the running host, so a route added without its
/// OpenAPI metadata fails here.
/// </summary>
public sealed partial class OpenApiDocumentTests
{
    // Not API operations: the Prometheus scrape endpoint and the document itself.
    private static readonly string[] NotOperations = ["* /metrics", "GET /metrics", "GET /openapi/{documentName}.json"];

    // Routes that read a JSON request body.
    private static readonly string[] TakeBodies =
    [
        "POST /v2/events", "POST /v2/bulkevents", "POST /v2/bulkevents/historical", "POST /v2/currents",
        "POST /admin/audiences", "PUT /admin/audiences/{id}", "PUT /admin/audience-connections/{output}/{audience}",
        "POST /admin/outputs/{id}/reconcile", "POST /v3/requests",
        "POST /identity/v1/identify", "POST /identity/v1/login", "POST /identity/v1/logout", "POST /identity/v1/search",
        "POST /identity/v1/{mpid}/modify",
    ];

    [Fact]
    public async Task Every_route_is_described_with_its_answers_schemas_and_security()
    {
        await using var service = await StartAsync();
        var document = await DocumentAsync(service);
        var paths = document["paths"]!.AsObject();
        var routes = EndpointRoutes.Of(service.Host.Services, apiOnly: true).Select(Normalise).Except(NotOperations).ToList();
        Assert.True(routes.Count > 20, "too few routes: " + string.Join(", ", routes));

        var problems = new List<string>();
        foreach (var route in routes)
        {
            var (method, path) = Split(route);
            if (paths[path]?[method.ToLowerInvariant()] is not JsonObject operation)
            {
                problems.Add($"{route}: not in the document");
                continue;
            }

            var responses = operation["responses"]!.AsObject();
            var codes = responses.Select(r => int.Parse(r.Key, System.Globalization.CultureInfo.InvariantCulture)).ToList();
            if (!codes.Any(c => c is >= 200 and < 300))
            {
                problems.Add($"{route}: no success answer");
            }

            // Health and DSR discovery have no client error of their own: they answer while the process runs.
            if (!codes.Any(c => c is >= 400 and < 500) && route is not ("GET /healthz" or "GET /health/live" or "GET /health/ready" or "GET /v3/discovery" or "GET /v3/discovery/cert.pem"))
            {
                problems.Add($"{route}: no error answer");
            }

            foreach (var (code, response) in responses)
            {
                var errorSchema = path.StartsWith("/v3/", StringComparison.Ordinal) ? "#/components/schemas/DsrErrorSchema" : "#/components/schemas/ErrorBody";
                // Readiness answers 503 with its own body: which check failed, for the operator behind the load balancer.
                var expected = route == "GET /health/ready" && code == "503" ? "#/components/schemas/ReadinessBody" : errorSchema;
                if (code[0] is '4' or '5' && SchemaOf(response) != expected)
                {
                    problems.Add($"{route}: error {code} does not have the ErrorBody schema");
                }
            }

            var expectedScheme = path.StartsWith("/admin/", StringComparison.Ordinal) ? "adminBearer"
                : path == "/v2/currents" ? "feedBearer"
                : path.StartsWith("/v2/", StringComparison.Ordinal) ? "feedBasic"
                : path.StartsWith("/v3/discovery", StringComparison.Ordinal) ? null
                : path.StartsWith("/v3/", StringComparison.Ordinal) ? "feedBasic"
                : path.StartsWith("/identity/", StringComparison.Ordinal) ? "feedBasic"
                : null;
            var schemes = operation["security"]?.AsArray().SelectMany(r => r!.AsObject().Select(p => p.Key)).ToList() ?? [];
            if (expectedScheme is null ? schemes.Count > 0 : !schemes.SequenceEqual([expectedScheme]))
            {
                problems.Add($"{route}: security [{string.Join(", ", schemes)}], expected [{expectedScheme}]");
            }

            if (expectedScheme is not null && !(codes.Contains(401) && codes.Contains(path.StartsWith("/admin/", StringComparison.Ordinal) ? 403 : 401)))
            {
                problems.Add($"{route}: authenticated but 401/403 not listed");
            }

            var body = operation["requestBody"]?["content"]?["application/json"]?["schema"];
            if (TakeBodies.Contains(route) && body is null)
            {
                problems.Add($"{route}: reads a JSON body that is not described");
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
        var schemesDefined = document["components"]!["securitySchemes"]!.AsObject();
        Assert.Equal("basic", schemesDefined["feedBasic"]!["scheme"]!.GetValue<string>());
        Assert.Equal("bearer", schemesDefined["adminBearer"]!["scheme"]!.GetValue<string>());
        Assert.Equal("bearer", schemesDefined["feedBearer"]!["scheme"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_events_api_is_documented_as_it_answers_202_with_a_batch_schema()
    {
        await using var service = await StartAsync();
        var document = await DocumentAsync(service);
        var events = document["paths"]!["/v2/events"]!["post"]!;

        Assert.NotNull(events["responses"]!["202"]);
        Assert.Null(events["responses"]!["200"]);
        var batch = document["components"]!["schemas"]!["BatchSchema"]!["properties"]!.AsObject();
        Assert.Contains("events", batch.Select(p => p.Key));
        Assert.Contains("user_identities", batch.Select(p => p.Key));
        Assert.Contains("source_request_id", batch.Select(p => p.Key));

        // And it does answer 202 to a batch written against that schema.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v2/events")
        {
            Content = new StringContent(Batches.CustomEvent(), System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = TestService.Basic("app-key", TestService.Secret);
        using var answer = await service.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
    }

    [Fact]
    public async Task The_dead_letter_listing_documents_the_replay_cost_of_each_dead_letter()
    {
        await using var service = await StartAsync();
        var document = await DocumentAsync(service);

        var letter = document["components"]!["schemas"]!["DeadLetterView"]!["properties"]!.AsObject();
        // The document names properties as the schema generator does; either spelling is the field the listing returns.
        Assert.True(letter.ContainsKey("replay_cost") || letter.ContainsKey("replayCost"), letter.ToJsonString());
        var cost = document["components"]!["schemas"]!["ReplayCost"]!["properties"]!.AsObject();
        Assert.Equal(["attributes", "events", "purchases", "total"], cost.Select(p => p.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Every_admin_read_answers_with_a_status_the_document_lists()
    {
        await using var service = await StartAsync();
        var document = await DocumentAsync(service);
        var problems = new List<string>();
        foreach (var (path, item) in document["paths"]!.AsObject().Where(p => p.Key.StartsWith("/admin/", StringComparison.Ordinal)))
        {
            if (item!["get"] is not JsonObject get)
            {
                continue;
            }

            var concrete = PathParameter().Replace(path, m => m.Value == "{output}" ? "braze-audiences" : "1");
            var listed = get["responses"]!.AsObject().Select(r => r.Key).ToList();
            foreach (var token in new[] { "", null, "not-the-admin-token-at-all-0000" })
            {
                using var answer = await service.AdminAsync(HttpMethod.Get, concrete, token: token);
                var code = ((int)answer.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (!listed.Contains(code))
                {
                    problems.Add($"GET {concrete} answered {code}, the document lists {string.Join(", ", listed)}");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    private static Task<TestService> StartAsync() =>
        TestService.StartAsync(new Workspace([TestService.Feed("app")])
        {
            Outputs = [new OutputDefinition("braze-audiences", OutputTypes.BrazeAudience, """{"restApiKey":"k","instance":"Custom","customRestEndpoint":"http://127.0.0.1:9"}""")],
        }, runProcessor: false);

    private static async Task<JsonObject> DocumentAsync(TestService service)
    {
        using var answer = await service.Client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        return JsonNode.Parse(await answer.Content.ReadAsStringAsync())!.AsObject();
    }

    private static string? SchemaOf(JsonNode? response) =>
        response?["content"]?["application/json"]?["schema"]?["$ref"]?.GetValue<string>();

    private static string Normalise(string route) => RouteConstraint().Replace(route, "}");

    private static (string Method, string Path) Split(string route)
    {
        var space = route.IndexOf(' ', StringComparison.Ordinal);
        return (route[..space], route[(space + 1)..]);
    }

    [GeneratedRegex(@":[a-z]+\}")]
    private static partial Regex RouteConstraint();

    [GeneratedRegex(@"\{[a-z]+\}")]
    private static partial Regex PathParameter();
}
