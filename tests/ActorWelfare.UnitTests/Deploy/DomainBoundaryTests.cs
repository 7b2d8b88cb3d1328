using System.Reflection;
using System.Xml.Linq;
using ActorWelfare.Activities;
using ActorWelfare.Domain;
using ActorWelfare.Tests.Infrastructure;
using Xunit;

namespace ActorWelfare.Tests.Deploy;

/// <summary>
/// The pure domain (domain/: the records and the rules over them) is its own assembly that uses the base
/// library and nothing else: not Orleans, not ASP.NET, not the database, not another project of the repository.
/// The compiler keeps the code inside that line; these tests keep the line where it is.
/// </summary>
public sealed class DomainBoundaryTests
{
    private static readonly Assembly Domain = typeof(ActivityRules).Assembly;

    private static bool MayReference(string assembly) =>
        assembly is "System" or "netstandard" || assembly.StartsWith("System.", StringComparison.Ordinal);

    [Fact]
    public void The_compiled_domain_references_only_the_base_library()
    {
        var referenced = Domain.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.Contains("System.Runtime", referenced);
        Assert.DoesNotContain(referenced, a => !MayReference(a));
    }

    [Fact]
    public void The_domain_project_references_no_project_and_no_package()
    {
        var project = XDocument.Load(Path.Combine(RepoPaths.Root, "domain", "ActorWelfare.Domain.csproj"));

        Assert.Contains(project.Descendants("Using"), u => u.Attribute("Include")!.Value == "System.Runtime.Serialization");
        Assert.Empty(project.Descendants("ProjectReference"));
        Assert.Empty(project.Descendants("FrameworkReference"));
        Assert.Empty(project.Descendants("PackageReference"));
    }

    [Fact]
    public void Every_type_that_moved_from_the_contracts_still_resolves_under_its_old_assembly_name()
    {
        // Grain state keeps assembly-qualified type names ($type); state written before the move names
        // ActorWelfare.GrainInterfaces, which forwards each type here.
        var moved = Domain.GetExportedTypes()
            .Where(t => t.Namespace!.StartsWith("ActorWelfare.", StringComparison.Ordinal) && t.Namespace != typeof(ActivityRules).Namespace && t != typeof(Storage.ActivityJson) && !t.IsNested)
            .ToList();

        Assert.Contains(typeof(ActivityRecord), moved);
        Assert.All(moved, t => Assert.Same(t, Type.GetType($"{t.FullName}, ActorWelfare.GrainInterfaces", throwOnError: false)));
    }
}
