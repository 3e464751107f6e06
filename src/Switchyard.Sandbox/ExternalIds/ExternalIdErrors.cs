using System.Text.Json.Nodes;

namespace Switchyard.Sandbox.ExternalIds;

/// <summary>
/// The per-item errors of the external-id migration endpoints: <c>[index, message]</c> pairs, the index pointing into
/// the request's array, as Braze describes <c>rename_errors</c> and <c>removal_errors</c> ("array of arrays" referring
/// to the request's index). The messages are the sandbox's own; Braze's wording is UNVERIFIED.
/// </summary>
internal sealed class ExternalIdErrors
{
    private readonly JsonArray _errors = [];

    public int Count => _errors.Count;

    public void Add(int index, string message) => _errors.Add(new JsonArray(index, message));

    public JsonArray ToJson() => _errors;
}
