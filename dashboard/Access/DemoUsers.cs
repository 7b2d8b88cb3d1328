using System.Security.Claims;
using ActorWelfare.Access;
using Microsoft.AspNetCore.Identity;
using Npgsql;

namespace ActorWelfare.Dashboard.Access;

/// <summary>
/// The local demo's accounts, one per role (Access:DemoUsers). The silo creates the tables, so this
/// waits for them; an account that exists is left as it is.
/// </summary>
public sealed partial class DemoUsers(IServiceProvider services, NpgsqlDataSource database, AccessOptions options, ILogger<DemoUsers> log)
    : BackgroundService
{
    public static readonly IReadOnlyList<(string Email, string Role, string[] Quartieri)> Accounts =
    [
        ("direttore@actorwelfare.local", Roles.Direttore, []),
        ("operatore.navile@actorwelfare.local", Roles.Operatore, ["bologna/navile"]),
        ("analista@actorwelfare.local", Roles.Analista, []),
        ("amministratore@actorwelfare.local", Roles.Amministratore, []),
    ];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!await TablesExistAsync(stoppingToken)) await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
        using var scope = services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
            if (!await roles.RoleExistsAsync(role)) await roles.CreateAsync(new IdentityRole(role));
        foreach (var (email, role, quartieri) in Accounts)
        {
            if (await users.FindByEmailAsync(email) is not null) continue;
            var user = new IdentityUser { UserName = email, Email = email, EmailConfirmed = true };
            var created = await users.CreateAsync(user, options.DemoPassword);
            if (!created.Succeeded)
                throw new InvalidOperationException($"Demo account {email}: " + string.Join("; ", created.Errors.Select(e => e.Description)));
            await users.AddToRoleAsync(user, role);
            foreach (var q in quartieri) await users.AddClaimAsync(user, new Claim(CallerFactory.QuartiereClaim, q));
        }
        LogReady(Accounts.Count);
    }

    private async Task<bool> TablesExistAsync(CancellationToken ct)
    {
        try
        {
            await using var command = database.CreateCommand("SELECT to_regclass('\"AspNetUsers\"') IS NOT NULL");
            return await command.ExecuteScalarAsync(ct) is true;
        }
        catch (NpgsqlException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo accounts ready: {Count}")]
    private partial void LogReady(int count);
}
