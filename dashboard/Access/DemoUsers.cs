using System.Security.Claims;
using ActorWelfare.Access;
using Microsoft.AspNetCore.Identity;
using Npgsql;

namespace ActorWelfare.Dashboard.Access;

/// <summary>
/// The local demo's accounts, one per role (Access:DemoUsers). The silo creates the tables, so this
/// waits for them; an account that exists is left as it is.
/// </summary>
public sealed partial class DemoUsers(IServiceProvider services, NpgsqlDataSource database, AccessOptions options, CityRightsUpgrade upgrade,
    IReadOnlyDictionary<string, ActorWelfare.Territories.Territory> territories, ILogger<DemoUsers> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!await AccountTables.ExistAsync(database, stoppingToken)) await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
        await upgrade.Finished.WaitAsync(stoppingToken);
        using var scope = services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
            if (!await roles.RoleExistsAsync(role)) await roles.CreateAsync(new IdentityRole(role));
        foreach (var (email, role, cities, quartieri) in options.DemoAccounts)
        {
            // A demo of a city this installation does not have is not made (rights in no existing city).
            if (cities.Concat(quartieri.Select(q => q.Split('/')[0])).Any(c => c != Grants.EveryCity && !territories.ContainsKey(c)))
            {
                LogNotMade(email, string.Join(", ", territories.Keys));
                continue;
            }
            // The password comes last: until then nobody can sign in as an account whose rights are half written
            // (a sign-in between the account and its cities held no role anywhere).
            var user = await users.FindByEmailAsync(email);
            if (user is null)
            {
                user = new IdentityUser { UserName = email, Email = email, EmailConfirmed = true };
                Check(email, await users.CreateAsync(user));
                Check(email, await users.AddToRoleAsync(user, role));
            }
            // An account of an older demo (before roles belonged to cities) gets its cities; rights someone set are left alone.
            if (!(await users.GetClaimsAsync(user)).Any(c => c.Type is CallerFactory.GrantClaim or CallerFactory.QuartiereClaim))
            {
                var claims = quartieri.Select(q => new Claim(CallerFactory.QuartiereClaim, q))
                    .Concat(cities.Select(c => new Claim(CallerFactory.GrantClaim, Grants.Of(c, role)))).ToList();
                Check(email, await users.AddClaimsAsync(user, claims));
            }
            if (!await users.HasPasswordAsync(user)) Check(email, await users.AddPasswordAsync(user, options.DemoPassword));
        }
        LogReady(options.DemoAccounts.Count);
    }

    private static void Check(string email, IdentityResult result)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException($"Demo account {email}: " + string.Join("; ", result.Errors.Select(e => e.Description)));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo account {Email} (Access:DemoAccounts) is not made: it names a city that is not configured (known: {Known})")]
    private partial void LogNotMade(string email, string known);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo accounts ready: {Count}")]
    private partial void LogReady(int count);
}
