using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Switchyard.Sandbox.Track;
using Switchyard.Sandbox.Users;
using Switchyard.Sandbox.Wire;

namespace Switchyard.Sandbox.Identity;

/// <summary>
/// <c>POST /users/alias/update</c>: each entry renames the alias <c>alias_label</c>/<c>old_alias_name</c> to
/// <c>new_alias_name</c> under the same label; an alias no user has changes nothing (Braze: "Update user alias",
/// https://www.braze.com/docs/api/endpoints/user_data/post_users_alias_update/). A new name another profile already
/// holds under that label is skipped, because an alias names one profile.
/// </summary>
internal sealed class AliasUpdateEndpoint(UserStore store, ILogger<AliasUpdateEndpoint> logger)
{
    private const string Field = "alias_updates";

    public async Task<IResult> HandleAsync(HttpContext context)
    {
        var read = await RequestBodyReader.ReadObjectAsync(context).ConfigureAwait(false);
        if (read.Error is not null)
        {
            return read.Error;
        }

        if (RequestLists.TryArray(read.Body!, Field, out var array) is { } error)
        {
            return WireResults.BadRequest(error);
        }

        if (array is null || array.Count == 0)
        {
            return WireResults.BadRequest($"'{Field}' must be a non-empty array");
        }

        var updates = new List<(string Label, string OldName, string NewName)>();
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is not JsonObject obj)
            {
                return WireResults.BadRequest($"'{Field}[{i}]' must be an object with 'alias_label', 'old_alias_name' and 'new_alias_name'");
            }

            var label = Text(obj, "alias_label", i, out var labelError);
            var oldName = Text(obj, "old_alias_name", i, out var oldError);
            var newName = Text(obj, "new_alias_name", i, out var newError);
            if ((labelError ?? oldError ?? newError) is { } fieldError)
            {
                return WireResults.BadRequest(fieldError);
            }

            updates.Add((label!, oldName!, newName!));
        }

        store.Write(null, session =>
        {
            foreach (var (label, oldName, newName) in updates)
            {
                if (oldName != newName
                    && session.FindByAlias(new UserAlias(label, oldName)) is { } user
                    && session.FindByAlias(new UserAlias(label, newName)) is null)
                {
                    session.RenameAlias(user, label, newName);
                }
            }

            return updates.Count;
        });
        Log.UserCommandProcessed(logger, "users/alias/update", updates.Count);

        // The answer's shape is UNVERIFIED: Braze's page shows no response body; alias/new's success message is used.
        return WireResults.Message(StatusCodes.Status201Created, "success");
    }

    private static string? Text(JsonObject obj, string name, int index, out string? error)
    {
        error = ObjectIdentity.IsNonEmptyString(obj[name], out var value) ? null : $"'{Field}[{index}].{name}' must be a non-empty string";
        return value;
    }
}
