using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Switchyard.Core.Profiles;
using Switchyard.Hosting;
using Switchyard.Json;
using Switchyard.Processing;

namespace Switchyard.Admin;

/// <summary><c>/admin/profiles</c>: a profile by MPID or by one of its identities, and the membership log.</summary>
internal static class ProfileEndpoints
{
    public static void Map(RouteGroupBuilder admin)
    {
        admin.MapGet("/profiles/{mpid}", async (string mpid, IProfileStore profiles, AudienceRuntime audiences, CancellationToken cancellationToken) =>
            long.TryParse(mpid, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id)
                ? Show(await profiles.FindProfileAsync(id, cancellationToken).ConfigureAwait(false), audiences, $"MPID {id}")
                : ErrorResponses.Result(StatusCodes.Status400BadRequest, "INVALID_MPID", "mpid: must be a 64-bit integer."))
            .Answers<ProfileView>().Fails(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound)
            .WithSummary("A profile by MPID: identities, attributes, push tokens, consent, audiences and event summary.");

        admin.MapGet("/profiles", async (string? identity, string? value, IProfileStore profiles, AudienceRuntime audiences, CancellationToken cancellationToken) =>
        {
            if (string.IsNullOrEmpty(identity) || string.IsNullOrEmpty(value))
            {
                return ErrorResponses.Result(StatusCodes.Status400BadRequest, "INVALID_QUERY",
                    "identity and value are required, e.g. ?identity=email&value=a@example.com (device identities as device:ios_idfv).");
            }

            var key = identity == "customerid" ? IdentityKeys.CustomerId : identity;
            var mpid = await profiles.FindMpidAsync(key, value, cancellationToken).ConfigureAwait(false);
            return Show(mpid is { } id ? await profiles.FindProfileAsync(id, cancellationToken).ConfigureAwait(false) : null, audiences, $"{identity} '{value}'");
        })
            .Answers<ProfileView>().Fails(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound)
            .WithSummary("A profile by one of its identities.");

        admin.MapGet("/membership-changes", async (long? after, int? limit, IProfileStore profiles, CancellationToken cancellationToken) =>
        {
            var size = limit ?? 100;
            if (size is < 1 or > 1000)
            {
                return ErrorResponses.Result(StatusCodes.Status400BadRequest, "INVALID_QUERY", "limit: must be between 1 and 1000.");
            }

            var changes = await profiles.ReadMembershipChangesAsync(after ?? 0, size, cancellationToken).ConfigureAwait(false);
            return Results.Json(
                new MembershipChangeList(
                    [.. changes.Select(c => new MembershipChangeView(c.Id, c.AudienceId, c.Mpid.ToString(CultureInfo.InvariantCulture), c.Action == MembershipAction.Add ? "add" : "remove", DateTimeOffset.FromUnixTimeMilliseconds(c.AtMs)))],
                    changes.Count == size ? changes[^1].Id : null),
                AdminJson.Context.MembershipChangeList);
        })
            .Answers<MembershipChangeList>().Fails(StatusCodes.Status400BadRequest)
            .WithSummary("The membership log outputs consume: who joined or left which audience, in order.");
    }

    private static IResult Show(Profile? profile, AudienceRuntime audiences, string what) =>
        profile is null
            ? ErrorResponses.Result(StatusCodes.Status404NotFound, "NOT_FOUND", $"No profile has {what}.")
            : Results.Json(ProfileViews.From(profile, audiences.NameOf), AdminJson.Context.ProfileView);
}
