using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Switchyard.Sandbox.Users;
using Switchyard.Sandbox.Wire;

namespace Switchyard.Sandbox.Identity;

/// <summary>
/// <c>POST /users/merge</c> (reference/braze.md §2): each update merges <c>identifier_to_merge</c> into
/// <c>identifier_to_keep</c> with the identify rules, then deletes the merged profile. Braze runs this asynchronously
/// and answers 202; the sandbox merges before answering.
/// </summary>
internal sealed class MergeEndpoint(UserStore store, ILogger<MergeEndpoint> logger)
{
    private const string NotArrayOfObjects = "'merge_updates' must be an array of objects";

    public async Task<IResult> HandleAsync(HttpContext context)
    {
        var read = await RequestBodyReader.ReadObjectAsync(context).ConfigureAwait(false);
        if (read.Error is not null)
        {
            return read.Error;
        }

        if (read.Body!["merge_updates"] is not JsonArray updates || updates.Any(u => u is not JsonObject))
        {
            return WireResults.BadRequest(NotArrayOfObjects);
        }

        if (updates.Count > RequestLists.MaxItems)
        {
            return WireResults.BadRequest("'merge_updates' cannot have more than 50 merge updates");
        }

        var pairs = new List<(UserReference Merge, UserReference Keep)>();
        foreach (var update in updates.Cast<JsonObject>())
        {
            if (UserReference.TryParse(update["identifier_to_merge"], out var merge) is { } mergeError)
            {
                return WireResults.BadRequest($"'identifier_to_merge': {mergeError}");
            }

            if (UserReference.TryParse(update["identifier_to_keep"], out var keep) is { } keepError)
            {
                return WireResults.BadRequest($"'identifier_to_keep': {keepError}");
            }

            pairs.Add((merge!, keep!));
        }

        store.Write(null, session =>
        {
            foreach (var (merge, keep) in pairs)
            {
                var from = merge.Find(session);
                var into = keep.Find(session);
                if (from is not null && into is not null && !ReferenceEquals(from, into))
                {
                    UserMerger.MergeInto(session, from, into);
                }
            }

            return 0;
        });
        Log.UserCommandProcessed(logger, "users/merge", pairs.Count);
        return WireResults.Message(StatusCodes.Status202Accepted, "success");
    }
}
