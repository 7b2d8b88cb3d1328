using System.Security.Claims;
using ActorWelfare.Access;
using Microsoft.AspNetCore.Identity;
using Npgsql;

namespace ActorWelfare.Dashboard.Access;

/// <summary>
/// Once, at start: accounts made before roles belonged to cities hold their role nowhere. A direttore or
/// analista among them gets it in the installation's city (<c>Dashboard:City</c>, or the only territory
/// file), an amministratore in every city (they administered everything); each change is recorded in the
/// administrative audit. With several cities and no <c>Dashboard:City</c> nothing is guessed: the log says
/// which accounts wait for an amministratore. Accounts that already hold a city are left alone.
/// </summary>
public sealed partial class CityRightsUpgrade(IServiceProvider services, NpgsqlDataSource database, IConfiguration configuration,
    IReadOnlyDictionary<string, Territories.Territory> territories, ILogger<CityRightsUpgrade> log) : BackgroundService
{
    public const string Action = "rights-given-cities";
    private readonly TaskCompletionSource done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once every account was looked at (the demo accounts are made after it, so it never sees one half made).</summary>
    public Task Finished => done.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await UpgradeAsync(stoppingToken);
        }
        finally
        {
            done.TrySetResult();
        }
    }

    private async Task UpgradeAsync(CancellationToken stoppingToken)
    {
        while (!await AccountTables.ExistAsync(database, stoppingToken)) await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
        using var scope = services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var acts = scope.ServiceProvider.GetRequiredService<AdminActs>();
        foreach (var user in users.Users.ToList())
        {
            var claims = await users.GetClaimsAsync(user);
            if (claims.Any(c => c.Type == CallerFactory.GrantClaim)) continue;
            var roles = (await users.GetRolesAsync(user)).Where(r => r is Roles.Direttore or Roles.Analista or Roles.Amministratore).ToList();
            if (roles.Any(r => r != Roles.Amministratore) && City is null)
            {
                LogNoCity(user.Email ?? user.Id);
                roles.RemoveAll(r => r != Roles.Amministratore);
            }
            var grants = roles.Select(r => Grants.Of(r == Roles.Amministratore ? Grants.EveryCity : City!, r)).Order(StringComparer.Ordinal).ToList();
            if (grants.Count == 0) continue;
            await acts.RecordAsync(new AdminAct("system", "ActorWelfare", Action, null, user.Email ?? user.Id, null, string.Join(' ', grants)));
            await users.AddClaimsAsync(user, grants.Select(g => new Claim(CallerFactory.GrantClaim, g)));
            await users.UpdateSecurityStampAsync(user);
            LogUpgraded(user.Email ?? user.Id, string.Join(' ', grants));
        }
    }

    /// <summary>The city an installation from before cities had: Dashboard:City, or its only territory file.</summary>
    private string? City => configuration["Dashboard:City"] is { Length: > 0 } city ? city : territories.Count == 1 ? territories.Keys.Single() : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Roles now belong to cities: {Account} holds direttore or analista in no city, and with several cities and no Dashboard:City none is guessed; an amministratore gives them theirs")]
    private partial void LogNoCity(string account);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Roles now belong to cities: {Account} was given {Grants}")]
    private partial void LogUpgraded(string account, string grants);
}
