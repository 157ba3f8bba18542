using System.Security.Claims;
using CloudFilm.Api.Hosting;
using CloudFilm.Api.Problems;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CloudFilm.Api.Security;

/// <summary>
/// Staff sign in with a name and password and get an HttpOnly session cookie. The cookie's keys live in Redis,
/// so a cookie issued by one Api copy works on every other. Pages that need staff send people to /login.
/// </summary>
public static class StaffAuthentication
{
    public const string CookieName = "cf_staff";
    public const string DisplayNameClaim = "cloudfilm:display_name";

    /// <summary>Every role; a system key counts as all of them.</summary>
    public static readonly string[] Roles = ["reader", "dispatcher", "supervisor", "queue", "admin"];

    public static IServiceCollection AddCloudFilmStaffAuthentication(this IServiceCollection services)
    {
        services.AddSingleton<StaffAccounts>();
        services.AddDataProtection().SetApplicationName("cloudfilm");
        services.AddOptions<KeyManagementOptions>().Configure<IServiceProvider>((o, provider) =>
            o.XmlRepository = new Microsoft.AspNetCore.DataProtection.StackExchangeRedis.RedisXmlRepository(
                () => provider.GetRequiredService<IConnectionMultiplexer>().GetDatabase(),
                provider.GetRequiredService<IOptions<RedisNamingOptions>>().Value.Key("data-protection-keys")));
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o =>
        {
            o.Cookie.Name = CookieName;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
            o.SlidingExpiration = true;
            o.LoginPath = "/login";
            // APIs answer 401/403 problems; only pages are sent to the sign-in page.
            o.Events.OnRedirectToLogin = context => Deny(context, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = context => Deny(context, StatusCodes.Status403Forbidden);
        });
        services.AddAuthorization();
        return services;
    }

    private static Task Deny(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/hubs"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    public static ClaimsPrincipal Principal(StaffAccount account)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, account.Name), new(DisplayNameClaim, account.DisplayName) };
        claims.AddRange(account.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme));
    }

    /// <summary>
    /// Lets through a signed-in staff member holding one of <paramref name="roles"/> (any role when none are named),
    /// or an external system presenting its key. Others get 401 (not signed in) or 403 (no such role).
    /// </summary>
    public static TBuilder RequireStaff<TBuilder>(this TBuilder builder, params string[] roles) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (http.RequestServices.GetRequiredService<SystemKeys>().Identify(http.Request.Headers[SystemKeys.Header]) is not null)
            {
                return await next(context);
            }
            var result = await http.AuthenticateAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            if (!result.Succeeded)
            {
                return ProblemCatalogue.SignInRequired.Answer();
            }
            http.User = result.Principal;
            if (roles.Length > 0 && !roles.Any(result.Principal.IsInRole))
            {
                return ProblemCatalogue.RoleRequired.Answer(string.Join(", ", roles));
            }
            return await next(context);
        });

    /// <summary>Who acts: the signed-in staff member's name, or "system:NAME" for a system key.</summary>
    public static string Actor(this HttpContext http)
    {
        if (http.User.Identity?.IsAuthenticated == true)
        {
            return http.User.Identity.Name!;
        }
        var system = http.RequestServices.GetRequiredService<SystemKeys>().Identify(http.Request.Headers[SystemKeys.Header]);
        return system is null ? "anonymous" : "system:" + system;
    }
}
