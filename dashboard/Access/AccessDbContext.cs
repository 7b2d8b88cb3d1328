using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace ActorWelfare.Dashboard.Access;

/// <summary>
/// ASP.NET Core Identity's users, roles and claims in PostgreSQL, and the data-protection key ring every
/// dashboard replica shares. The tables are created by the project's migrations
/// (deploy/sql/0007-identity.sql, 0010-data-protection-keys.sql), not by Entity Framework.
/// </summary>
public sealed class AccessDbContext(DbContextOptions<AccessDbContext> options) : IdentityDbContext<IdentityUser>(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
}
