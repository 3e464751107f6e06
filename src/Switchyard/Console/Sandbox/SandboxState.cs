using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Switchyard.Console.Sandbox;

/// <summary>
/// Reads the embedded Braze sandbox through its control API on loopback (docs/sandbox.md): users, segments with their
/// members, data points and faults, as the sandbox itself reports them.
/// </summary>
internal sealed class SandboxState(SandboxLocation location, IHttpClientFactory clients)
{
    public bool Running => location.Address is not null;

    public Task<JsonNode?> UsersAsync(CancellationToken cancellationToken) => GetAsync("/_sandbox/users?page_size=100", cancellationToken);

    public Task<JsonNode?> SegmentsAsync(CancellationToken cancellationToken) => GetAsync("/_sandbox/segments", cancellationToken);

    public Task<JsonNode?> MembersAsync(string segment, CancellationToken cancellationToken) =>
        GetAsync($"/_sandbox/segments/{Uri.EscapeDataString(segment)}/members", cancellationToken);

    public Task<JsonNode?> DataPointsAsync(CancellationToken cancellationToken) => GetAsync("/_sandbox/datapoints", cancellationToken);

    public Task<JsonNode?> FaultsAsync(CancellationToken cancellationToken) => GetAsync("/_sandbox/faults", cancellationToken);

    private async Task<JsonNode?> GetAsync(string path, CancellationToken cancellationToken)
    {
        if (location.Address is not { } address)
        {
            return null;
        }

        using var http = clients.CreateClient(SandboxLocation.HttpClientName);
        return await http.GetFromJsonAsync<JsonNode>(new Uri(address, path), cancellationToken).ConfigureAwait(false);
    }
}
