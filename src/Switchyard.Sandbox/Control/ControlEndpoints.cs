using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Switchyard.Sandbox.Export;
using Switchyard.Sandbox.Time;
using Switchyard.Sandbox.Users;
using Switchyard.Sandbox.Wire;

namespace Switchyard.Sandbox.Control;

/// <summary><c>/_sandbox/reset</c> and <c>/_sandbox/users</c>: test and debugging controls, no REST key needed.</summary>
internal static class ControlEndpoints
{
    private const int DefaultPageSize = 50;
    private const int MaxPageSize = 500;

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/_sandbox/reset", async (SandboxReset reset, CancellationToken cancellationToken) =>
        {
            await reset.ResetAsync(cancellationToken).ConfigureAwait(false);
            return WireResults.Message(StatusCodes.Status200OK, "reset");
        });

        routes.MapGet("/_sandbox/users", (HttpContext context, UserStore store) => ListUsers(context, store));
    }

    private static IResult ListUsers(HttpContext context, UserStore store)
    {
        if (!TryQueryInt(context, "page", 1, out var page) || page < 1
            || !TryQueryInt(context, "page_size", DefaultPageSize, out var pageSize) || pageSize is < 1 or > MaxPageSize)
        {
            return WireResults.BadRequest($"'page' must be ≥ 1 and 'page_size' between 1 and {MaxPageSize}");
        }

        var users = store.Snapshot().OrderBy(u => u.CreatedAt).ThenBy(u => u.BrazeId, StringComparer.Ordinal).ToList();
        var pageUsers = new JsonArray();
        foreach (var user in users.Skip((page - 1) * pageSize).Take(pageSize))
        {
            var json = ExportUserWriter.Write(user, ExportFields.All);
            json["updated_at"] = BrazeTime.Format(user.UpdatedAt);
            pageUsers.Add(json);
        }

        return WireResults.Node(new JsonObject
        {
            ["total"] = users.Count,
            ["page"] = page,
            ["page_size"] = pageSize,
            ["users"] = pageUsers,
        });
    }

    private static bool TryQueryInt(HttpContext context, string name, int fallback, out int value)
    {
        value = fallback;
        string? text = context.Request.Query[name];
        return text is null || int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value);
    }
}
