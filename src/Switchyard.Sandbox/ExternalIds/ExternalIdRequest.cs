using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Switchyard.Sandbox.Identity;
using Switchyard.Sandbox.Wire;

namespace Switchyard.Sandbox.ExternalIds;

/// <summary>
/// The request-level rules both external-id endpoints share: the body's array is required, non-empty and holds at
/// most 50 items (Braze: "Rename external ID", "Remove external ID"); anything wrong inside an item is that item's
/// error, not the request's.
/// </summary>
internal static class ExternalIdRequest
{
    public static async Task<(JsonArray? Items, IResult? Error)> ReadAsync(HttpContext context, string field)
    {
        var read = await RequestBodyReader.ReadObjectAsync(context).ConfigureAwait(false);
        if (read.Error is not null)
        {
            return (null, read.Error);
        }

        if (RequestLists.TryArray(read.Body!, field, out var array) is { } error)
        {
            return (null, WireResults.BadRequest(error));
        }

        return array is null || array.Count == 0
            ? (null, WireResults.BadRequest($"'{field}' must be a non-empty array"))
            : (array, null);
    }
}
