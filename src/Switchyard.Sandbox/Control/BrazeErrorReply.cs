using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Switchyard.Sandbox.Control;

/// <summary>Writes a Braze-style error body, <c>{"message":"…"}</c> (reference/braze.md §1.7).</summary>
internal static class BrazeErrorReply
{
    public static Task WriteAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new JsonObject { ["message"] = message }, context.RequestAborted);
    }
}
