using System.Security.Claims;
using CloudFilm.Api.Hosting;
using CloudFilm.Api.Problems;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CloudFilm.Api.Security;

/// <summary><c>/api/v1/staff/session</c>: sign in, who am I, sign out.</summary>
public static class StaffSessionApi
{
    public static RouteGroupBuilder MapStaffSessionApi(this RouteGroupBuilder api)
    {
        var session = api.MapGroup("/staff/session").WithTags("Staff");
        session.MapPost("/", SignInAsync).WithName("StaffSignIn").WithSummary("Sign in with name and password; sets the staff session cookie.");
        session.MapGet("/", (HttpContext http) => Me(http)).RequireStaff().WithName("StaffWhoAmI").WithSummary("The signed-in staff member.");
        session.MapDelete("/", async (HttpContext http) =>
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return TypedResults.NoContent();
        }).WithName("StaffSignOut");
        return api;
    }

    private static async Task<Results<Ok<StaffMemberResponse>, ProblemHttpResult>> SignInAsync(
        HttpRequest request, StaffAccounts accounts, ILogger<StaffAccounts> logger, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<SignInRequest>(request, ApiJson.Options, cancellationToken);
        var errors = new RequestErrors();
        if (string.IsNullOrWhiteSpace(body.Name))
        {
            errors.Add("name", "Required.");
        }
        if (string.IsNullOrEmpty(body.Password))
        {
            errors.Add("password", "Required.");
        }
        errors.ThrowIfAny();
        var account = accounts.SignIn(body.Name!, body.Password!);
        if (account is null)
        {
            logger.LogWarning("Failed staff sign-in from {Address}", request.HttpContext.Connection.RemoteIpAddress);
            return ProblemCatalogue.SignInFailed.Answer();
        }
        var principal = StaffAuthentication.Principal(account);
        await request.HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
        logger.LogInformation("Staff {Name} signed in", account.Name);
        return TypedResults.Ok(new StaffMemberResponse(account.Name, account.DisplayName, account.Roles));
    }

    private static Ok<StaffMemberResponse> Me(HttpContext http)
    {
        var user = http.User;
        if (user.Identity?.IsAuthenticated != true)
        {
            return TypedResults.Ok(new StaffMemberResponse(http.Actor(), http.Actor(), StaffAuthentication.Roles));
        }
        return TypedResults.Ok(new StaffMemberResponse(user.Identity.Name!, user.FindFirstValue(StaffAuthentication.DisplayNameClaim) ?? user.Identity.Name!,
            [.. user.FindAll(ClaimTypes.Role).Select(c => c.Value)]));
    }
}

public sealed class SignInRequest
{
    public string? Name { get; set; }

    public string? Password { get; set; }
}

public sealed record StaffMemberResponse(string Name, string DisplayName, IReadOnlyList<string> Roles);
