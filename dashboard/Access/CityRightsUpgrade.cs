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
/// which accounts wait for an amministratore. Accounts that already hold a city are left alone. Then, at
/// every start, rights held in a city with no territory file are reported (they give nothing).
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
        await ReportRightsInMissingCitiesAsync(users, stoppingToken);
    }

    /// <summary>
    /// Rights stored for a city that has no territory file (removed, or misspelt in an older installation) give
    /// nothing; they are said at start, account by account and token by token, so that someone removes them
    /// (the administration page lists them) or brings the city's file back.
    /// </summary>
    private async Task ReportRightsInMissingCitiesAsync(UserManager<IdentityUser> users, CancellationToken stoppingToken)
    {
        bool Missing(string right) => right.Split('/')[0] is var city && city != Grants.EveryCity && !territories.ContainsKey(city);
        foreach (var user in users.Users.ToList())
        {
            var missing = (await users.GetClaimsAsync(user))
                .Where(c => c.Type is CallerFactory.GrantClaim or CallerFactory.QuartiereClaim && Missing(c.Value)).Select(c => c.Value).Order().ToList();
            if (missing.Count > 0) LogMissingCityAccount(user.Email ?? user.Id, string.Join(' ', missing), string.Join(", ", territories.Keys));
        }
        try
        {
            await using var command = database.CreateCommand("SELECT name, cities || quartieri FROM api_token WHERE revoked_at IS NULL AND expires_at > now() ORDER BY name");
            await using var reader = await command.ExecuteReaderAsync(stoppingToken);
            while (await reader.ReadAsync(stoppingToken))
                if (reader.GetFieldValue<string[]>(1).Where(Missing).ToList() is { Count: > 0 } missing)
                    LogMissingCityToken(reader.GetString(0), string.Join(' ', missing), string.Join(", ", territories.Keys));
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.UndefinedColumn)
        {
            // The silo has not yet made the token tables: no token to look at.
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Account {Account} holds {Rights} (field grants/quartieri) in a city that is not configured (no territory file; known: {Known}): they give nothing until the city's file is back; an amministratore of every city revokes them on the administration page")]
    private partial void LogMissingCityAccount(string account, string rights, string known);

    [LoggerMessage(Level = LogLevel.Error, Message = "API token '{Token}' holds {Rights} (field cities/quartieri) in a city that is not configured (no territory file; known: {Known}): they give nothing; revoke the token and issue another")]
    private partial void LogMissingCityToken(string token, string rights, string known);

    /// <summary>The city an installation from before cities had: Dashboard:City, or its only territory file.</summary>
    private string? City => configuration["Dashboard:City"] is { Length: > 0 } city ? city : territories.Count == 1 ? territories.Keys.Single() : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Roles now belong to cities: {Account} holds direttore or analista in no city, and with several cities and no Dashboard:City none is guessed; an amministratore gives them theirs")]
    private partial void LogNoCity(string account);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Roles now belong to cities: {Account} was given {Grants}")]
    private partial void LogUpgraded(string account, string grants);
}
