using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ActorWelfare.Tests.Infrastructure;
using Xunit;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace ActorWelfare.Tests.Deploy;

/// <summary>
/// No container runs on this machine, so the deployment files are checked statically: the YAML parses,
/// the required parts are there, and images, ports, paths and environment keys agree with the
/// Dockerfiles and with what the projects actually read.
/// </summary>
public sealed partial class DeploymentFilesTests
{
    private static readonly string Deploy = Path.Combine(RepoPaths.Root, "deploy");

    private static List<Dictionary<object, object>> Documents(string path)
    {
        // MergingParser resolves the compose file's "<<: *anchor" merge keys.
        var parser = new MergingParser(new Parser(new StringReader(File.ReadAllText(path))));
        var deserializer = new DeserializerBuilder().Build();
        var documents = new List<Dictionary<object, object>>();
        parser.Consume<YamlDotNet.Core.Events.StreamStart>();
        while (parser.Accept<YamlDotNet.Core.Events.DocumentStart>(out _))
            if (deserializer.Deserialize<Dictionary<object, object>>(parser) is { } document) documents.Add(document);
        return documents;
    }

    private static Dictionary<object, object> Map(object? node, string what) =>
        node as Dictionary<object, object> ?? throw new Xunit.Sdk.XunitException($"{what}: expected a mapping, got {node ?? "nothing"}");

    private static List<object> List(object? node, string what) =>
        node as List<object> ?? throw new Xunit.Sdk.XunitException($"{what}: expected a list, got {node ?? "nothing"}");

    private static object? At(object node, string path) =>
        path.Split('.').Aggregate<string, object?>(node, (n, key) => (n as Dictionary<object, object>)?.GetValueOrDefault(key));

    /// <summary>A Dockerfile's runtime port (from its Urls) and the assembly its ENTRYPOINT runs.</summary>
    private sealed record Image(string Dockerfile, int HttpPort, string Entrypoint, IReadOnlyDictionary<string, string> Env);

    private static Image ReadDockerfile(string name)
    {
        var path = Path.Combine(Deploy, "docker", name);
        var text = File.ReadAllText(path);
        var runtime = text[text.LastIndexOf("\nFROM ", StringComparison.Ordinal)..];
        var env = EnvLine().Matches(runtime).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        var port = int.Parse(Regex.Match(env["Urls"], @":(\d+)$").Groups[1].Value, CultureInfo.InvariantCulture);
        return new Image(path, port, Regex.Match(runtime, @"ENTRYPOINT \[""dotnet"", ""([^""]+)""\]").Groups[1].Value, env);
    }

    [GeneratedRegex(@"(?:ENV\s+|\\\s*\n\s*)([A-Za-z_]+)=(\S+)")]
    private static partial Regex EnvLine();

    [Theory]
    [InlineData("silo.Dockerfile", "silo/ActorWelfare.Silo.csproj")]
    [InlineData("dashboard.Dockerfile", "dashboard/ActorWelfare.Dashboard.csproj")]
    public void The_dockerfiles_are_multi_stage_copy_paths_that_exist_and_run_the_project_they_publish(string dockerfile, string project)
    {
        var image = ReadDockerfile(dockerfile);
        var text = File.ReadAllText(image.Dockerfile);
        Assert.True(Regex.Count(text, @"^FROM ", RegexOptions.Multiline) >= 2, "multi-stage: a build stage and a runtime stage");
        Assert.Matches(@"FROM mcr\.microsoft\.com/dotnet/sdk:10\.0 AS build", text);
        Assert.Matches(@"FROM mcr\.microsoft\.com/dotnet/aspnet:10\.0 AS runtime", text);
        Assert.Contains("COPY --from=build", text);
        Assert.Contains($"dotnet publish {project}", text);
        Assert.Equal(Path.GetFileNameWithoutExtension(project) + ".dll", image.Entrypoint);
        Assert.Contains("USER $APP_UID", text); // not root
        foreach (Match copy in Regex.Matches(text, @"^COPY (?!--from)(.+) \S+$", RegexOptions.Multiline))
            foreach (var source in copy.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                Assert.True(source.Contains('*') ? Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, Path.GetDirectoryName(source)!), Path.GetFileName(source)).Any()
                    : File.Exists(Path.Combine(RepoPaths.Root, source)) || Directory.Exists(Path.Combine(RepoPaths.Root, source)), $"{dockerfile}: COPY {source} does not exist");
        Assert.Matches($@"EXPOSE .*\b{image.HttpPort}\b", text);
        Assert.Matches($@"HEALTHCHECK .*http://127\.0\.0\.1:{image.HttpPort}/healthz", text);
        foreach (var key in image.Env.Keys) AssertReadByTheProjects(key, dockerfile);
    }

    [Theory]
    [InlineData("dashboard.Dockerfile", "dashboard/ActorWelfare.Dashboard.csproj")]
    [InlineData("silo.Dockerfile", "silo/ActorWelfare.Silo.csproj")]
    public void An_image_copies_every_project_its_app_references_and_its_project_file_before_the_restore(string dockerfile, string project)
    {
        var text = File.ReadAllText(Path.Combine(Deploy, "docker", dockerfile));
        var restore = text.IndexOf("dotnet restore", StringComparison.Ordinal);
        var copies = Regex.Matches(text, @"^COPY (?!--from)(.+) \S+$", RegexOptions.Multiline)
            .SelectMany(m => m.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(source => (Source: source, At: m.Index))).ToList();
        var projects = new List<string>();
        var pending = new Queue<string>([project]);
        while (pending.TryDequeue(out var next))
        {
            if (projects.Contains(next)) continue;
            projects.Add(next);
            var folder = Path.GetDirectoryName(next)!;
            foreach (Match reference in Regex.Matches(File.ReadAllText(Path.Combine(RepoPaths.Root, next)), @"<ProjectReference Include=""([^""]+)"""))
                pending.Enqueue(Path.GetRelativePath(RepoPaths.Root, Path.GetFullPath(Path.Combine(RepoPaths.Root, folder, reference.Groups[1].Value.Replace('\\', '/')))).Replace('\\', '/'));
        }
        Assert.True(projects.Count >= 3, string.Join(", ", projects));
        foreach (var referenced in projects)
        {
            var folder = Path.GetDirectoryName(referenced)!.Replace('\\', '/') + "/";
            Assert.True(copies.Any(c => c.Source == referenced && c.At < restore), $"{dockerfile} does not copy {referenced} before the restore");
            Assert.True(copies.Any(c => c.Source == folder), $"{dockerfile} does not copy {folder}, which {project} builds");
        }
        // No source file of another project is compiled by link: shared code is a project.
        Assert.DoesNotMatch(@"<Compile Include=""\.\.", File.ReadAllText(Path.Combine(RepoPaths.Root, project)));
    }

    [Fact]
    public void The_compose_file_runs_postgres_two_silos_and_the_dashboard_with_health_checks_and_no_password_in_it()
    {
        var compose = Assert.Single(Documents(Path.Combine(Deploy, "docker-compose.yml")));
        var services = Map(compose["services"], "services");
        Assert.Equal(["cluster-certs", "dashboard", "grafana", "migrate", "postgres", "prometheus", "silo1", "silo2"], services.Keys.Select(k => (string)k).Order());
        var silo = ReadDockerfile("silo.Dockerfile");
        var dashboard = ReadDockerfile("dashboard.Dockerfile");

        Assert.StartsWith("postgres:15", (string)At(services["postgres"], "image")!);
        // The logins are made when PostgreSQL initialises, by a script that exists.
        var init = List(At(services["postgres"], "volumes"), "postgres volumes").Cast<string>().Single(v => v.Contains("docker-entrypoint-initdb.d"));
        Assert.True(File.Exists(Path.Combine(Deploy, init.Split(':')[0])), init);
        Assert.NotNull(At(services["postgres"], "healthcheck.test"));
        foreach (var name in new[] { "silo1", "silo2", "dashboard" })
        {
            var service = Map(services[name], name);
            var image = name == "dashboard" ? dashboard : silo;
            Assert.Equal(name == "dashboard" ? "actorwelfare/dashboard:latest" : "actorwelfare/silo:latest", service["image"]);
            var test = string.Join(' ', List(At(service, "healthcheck.test"), $"{name} healthcheck"));
            Assert.Contains($"http://127.0.0.1:{image.HttpPort}/healthz", test);
            var env = Map(service["environment"], $"{name} environment");
            Assert.Contains("Host=postgres;", (string)env["ConnectionStrings__ActorWelfare"]);
            // Each app with a login of its own, its password from the environment (never written here).
            var login = name == "dashboard" ? "aw_dashboard" : "aw_silo";
            Assert.Contains($"Username={login};Password=${{{login[3..].ToUpperInvariant()}_DB_PASSWORD:?", (string)env["ConnectionStrings__ActorWelfare"]);
            // Only the one-shot migrate service has the tables' owner; the silos only check the schema.
            Assert.False(env.ContainsKey("ConnectionStrings__ActorWelfareOwner"), $"{name} never gets the owner's login");
            if (name != "dashboard") Assert.Equal("false", env["Silo__Migrate"]);
            foreach (var key in env.Keys.Cast<string>()) AssertReadByTheProjects(key, $"compose {name}");
            // Mutual TLS on the cluster's ports, with the certificates the cluster-certs service made.
            Assert.Equal("/certs/tls.crt", env["Cluster__Tls__Certificate"]);
            Assert.Equal("/certs/tls.key", env["Cluster__Tls__Key"]);
            Assert.Equal("/certs/ca.crt", env["Cluster__Tls__Authority"]);
            Assert.Contains("certs:/certs:ro", List(service["volumes"], $"{name} volumes").Cast<string>());
            if (name != "dashboard")
            {
                Assert.Equal(name, env["Silo__AdvertisedIp"]); // resolved to the container's address
                Assert.Equal(name, service["hostname"]);
                Assert.True(Seconds((string)service["stop_grace_period"]) > int.Parse((string)env["Silo__ShutdownTimeoutSeconds"], CultureInfo.InvariantCulture), "stop grace period longer than the silo's shutdown");
            }
        }
        var build = (string)At(services["silo1"], "build.dockerfile")!;
        Assert.True(File.Exists(Path.Combine(Deploy, (string)At(services["silo1"], "build.context")!, build)));
        Assert.Equal("service_healthy", At(services["dashboard"], "depends_on.silo1.condition"));
        Assert.Equal("service_completed_successfully", At(services["silo1"], "depends_on.migrate.condition"));
        Assert.Equal("service_healthy", At(services["migrate"], "depends_on.postgres.condition"));
        Assert.Equal(["--migrate"], List(At(services["migrate"], "command"), "migrate command").Cast<string>());
        Assert.Contains("Username=actorwelfare;Password=${POSTGRES_PASSWORD:?", (string)At(services["migrate"], "environment.ConnectionStrings__ActorWelfareOwner")!);
        Assert.Equal("service_completed_successfully", At(services["silo1"], "depends_on.cluster-certs.condition"));
        Assert.Equal(["--cluster-certificates", "/certs"], List(At(services["cluster-certs"], "command"), "cluster-certs command").Cast<string>());
        Assert.Contains("certs:/certs", List(At(services["cluster-certs"], "volumes"), "cluster-certs volumes").Cast<string>());
        Assert.Equal("actorwelfare/silo:latest", At(services["cluster-certs"], "image"));
        Assert.Contains($"8080:{dashboard.HttpPort}", List(At(services["dashboard"], "ports"), "dashboard ports").Cast<string>());
    }

    [Fact]
    public void Prometheus_scrapes_every_app_of_the_compose_file_and_grafana_is_provisioned_with_a_dashboard_of_metrics_the_apps_make()
    {
        var services = Map(Assert.Single(Documents(Path.Combine(Deploy, "docker-compose.yml")))["services"], "services");
        // Every file the two services mount exists.
        foreach (var name in new[] { "prometheus", "grafana" })
            foreach (var volume in List(At(services[name], "volumes"), $"{name} volumes").Cast<string>().Where(v => v.StartsWith("./", StringComparison.Ordinal)))
                Assert.True(File.Exists(Path.Combine(Deploy, volume.Split(':')[0])) || Directory.Exists(Path.Combine(Deploy, volume.Split(':')[0])), $"{name}: {volume}");
        Assert.Contains("${GRAFANA_ADMIN_PASSWORD:?", (string)At(services["grafana"], "environment.GF_SECURITY_ADMIN_PASSWORD")!);

        // The scrape targets are the compose file's silos and dashboard, on the ports their images listen on.
        var prometheus = Assert.Single(Documents(Path.Combine(Deploy, "observability", "prometheus.yml")));
        var targets = List(prometheus["scrape_configs"], "scrape_configs").Cast<Dictionary<object, object>>().ToDictionary(
            job => (string)job["job_name"], job => List(At(Assert.Single(List(job["static_configs"], "static_configs")), "targets"), "targets").Cast<string>().ToList());
        Assert.Equal([$"silo1:{ReadDockerfile("silo.Dockerfile").HttpPort}", $"silo2:{ReadDockerfile("silo.Dockerfile").HttpPort}"], targets["silo"]);
        Assert.Equal([$"dashboard:{ReadDockerfile("dashboard.Dockerfile").HttpPort}"], targets["dashboard"]);

        // Each of our metrics the dashboard and the alert rules read is an instrument the code makes.
        var alerts = Assert.Single(Documents(Path.Combine(Deploy, "observability", "alerts.yml")));
        var expressions = List(At(Assert.Single(List(alerts["groups"], "groups")), "rules"), "rules").Cast<Dictionary<object, object>>().Select(r => (string)r["expr"]).ToList();
        using var dashboard = JsonDocument.Parse(File.ReadAllText(Path.Combine(Deploy, "observability", "grafana", "dashboards", "actorwelfare.json")));
        expressions.AddRange(dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .SelectMany(p => p.GetProperty("targets").EnumerateArray()).Select(t => t.GetProperty("expr").GetString()!));
        Assert.True(expressions.Count > 15);
        var code = string.Join("\n", new[] { "grains", "dashboard", "service-defaults" }.SelectMany(d =>
            Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, d), "*.cs", SearchOption.AllDirectories)).Where(f => !f.Contains("/obj/")).Select(File.ReadAllText));
        var ours = expressions.SelectMany(e => Regex.Matches(e, @"\bactorwelfare_[a-z_]+").Select(m => m.Value)).Distinct().ToList();
        Assert.True(ours.Count >= 10, string.Join(", ", ours));
        foreach (var metric in ours)
        {
            var instrument = Regex.Replace(metric, "(_milliseconds)?(_total|_bucket|_count|_sum)?$", "").Replace('_', '.');
            Assert.True(code.Contains($"\"{instrument}\"", StringComparison.Ordinal), $"{metric}: no instrument \"{instrument}\" in the code");
        }
    }

    private static int Seconds(string duration) => int.Parse(duration.TrimEnd('s'), CultureInfo.InvariantCulture);

    private static Dictionary<object, object> Kind(List<Dictionary<object, object>> documents, string kind, string name) =>
        documents.Single(d => (string)d["kind"] == kind && (string)At(d, "metadata.name")! == name);

    private static Dictionary<string, Dictionary<object, object>> EnvOf(Dictionary<object, object> container) =>
        List(container["env"], "env").Cast<Dictionary<object, object>>().ToDictionary(e => (string)e["name"]);

    [Fact]
    public void The_kubernetes_silo_takes_its_address_and_name_from_the_pod_and_its_database_from_a_secret()
    {
        var manifests = Documents(Path.Combine(Deploy, "k8s", "silo.yaml"));
        var deployment = Kind(manifests, "Deployment", "actorwelfare-silo");
        Assert.True(Convert.ToInt32(At(deployment, "spec.replicas"), CultureInfo.InvariantCulture) >= 2);
        var pod = Map(At(deployment, "spec.template.spec"), "pod spec");
        var container = Map(Assert.Single(List(pod["containers"], "containers")), "container");
        Assert.Equal("actorwelfare/silo:latest", container["image"]);
        var env = EnvOf(container);
        Assert.Equal("status.podIP", At(env["Silo__AdvertisedIp"], "valueFrom.fieldRef.fieldPath"));
        Assert.Equal("metadata.name", At(env["Silo__Name"], "valueFrom.fieldRef.fieldPath"));
        Assert.Equal("actorwelfare-silo-database", At(env["ConnectionStrings__ActorWelfare"], "valueFrom.secretKeyRef.name"));
        Assert.False(env.ContainsKey("ConnectionStrings__ActorWelfareOwner"), "the running silo never gets the owner's login");
        Assert.Equal("false", At(env["Silo__Migrate"], "value"));
        // The owner's login only in the init container that migrates, with the same image.
        var init = Map(Assert.Single(List(pod["initContainers"], "initContainers")), "init container");
        Assert.Equal(container["image"], init["image"]);
        Assert.Equal(["--migrate"], List(init["args"], "init args").Cast<string>());
        Assert.Equal("actorwelfare-database-owner", At(EnvOf(init)["ConnectionStrings__ActorWelfareOwner"], "valueFrom.secretKeyRef.name"));
        foreach (var key in env.Keys) AssertReadByTheProjects(key, "k8s silo");
        AssertClusterTls(pod, container);
        Assert.True(Convert.ToInt32(pod["terminationGracePeriodSeconds"], CultureInfo.InvariantCulture) > int.Parse((string)env["Silo__ShutdownTimeoutSeconds"]["value"], CultureInfo.InvariantCulture),
            "termination grace longer than the silo's shutdown");

        var silo = ReadDockerfile("silo.Dockerfile");
        var ports = List(container["ports"], "ports").Cast<Dictionary<object, object>>().ToDictionary(p => (string)p["name"], p => Convert.ToInt32(p["containerPort"], CultureInfo.InvariantCulture));
        Assert.Equal(silo.HttpPort, ports["http"]);
        Assert.Equal(int.Parse(silo.Env["Silo__SiloPort"], CultureInfo.InvariantCulture), ports["silo"]);
        Assert.Equal(int.Parse(silo.Env["Silo__GatewayPort"], CultureInfo.InvariantCulture), ports["gateway"]);
        AssertProbes(container, "silo/Hosting/SiloApp.cs");

        var budget = Kind(manifests, "PodDisruptionBudget", "actorwelfare-silo");
        var podLabels = Map(At(deployment, "spec.template.metadata.labels"), "pod labels");
        foreach (var (key, value) in Map(At(budget, "spec.selector.matchLabels"), "budget selector")) Assert.Equal(value, podLabels[key]);
        Assert.True(Convert.ToInt32(At(budget, "spec.minAvailable"), CultureInfo.InvariantCulture) >= 1, "the budget keeps a silo running during a drain");
    }

    [Fact]
    public void The_kubernetes_dashboard_has_a_deployment_and_a_service_that_reaches_it()
    {
        var manifests = Documents(Path.Combine(Deploy, "k8s", "dashboard.yaml"));
        var deployment = Kind(manifests, "Deployment", "actorwelfare-dashboard");
        var container = Map(Assert.Single(List(At(deployment, "spec.template.spec.containers"), "containers")), "container");
        Assert.Equal("actorwelfare/dashboard:latest", container["image"]);
        var env = EnvOf(container);
        Assert.Equal("actorwelfare-dashboard-database", At(env["ConnectionStrings__ActorWelfare"], "valueFrom.secretKeyRef.name"));
        Assert.False(env.ContainsKey("ConnectionStrings__ActorWelfareOwner"), "the dashboard never gets the owner's login");
        Assert.Equal("true", At(env["Access__Production"], "value"));
        foreach (var key in env.Keys) AssertReadByTheProjects(key, "k8s dashboard");
        AssertClusterTls(Map(At(deployment, "spec.template.spec"), "pod spec"), container);
        var port = Map(Assert.Single(List(container["ports"], "ports")), "port");
        Assert.Equal(ReadDockerfile("dashboard.Dockerfile").HttpPort, Convert.ToInt32(port["containerPort"], CultureInfo.InvariantCulture));
        AssertProbes(container, "dashboard/DashboardApp.cs");

        var service = Kind(manifests, "Service", "actorwelfare-dashboard");
        var labels = Map(At(deployment, "spec.template.metadata.labels"), "pod labels");
        foreach (var (key, value) in Map(At(service, "spec.selector"), "selector")) Assert.Equal(value, labels[key]);
        Assert.Equal(port["name"], At(Assert.Single(List(At(service, "spec.ports"), "service ports")), "targetPort"));
    }

    /// <summary>The pod mounts the cluster's TLS Secret where Cluster:Tls points, readable by the app's user.</summary>
    private static void AssertClusterTls(Dictionary<object, object> pod, Dictionary<object, object> container)
    {
        var env = EnvOf(container);
        var mount = List(container["volumeMounts"], "volumeMounts").Cast<Dictionary<object, object>>().Single(m => (string)m["name"] == "cluster-tls");
        foreach (var (key, file) in new[] { ("Cluster__Tls__Certificate", "tls.crt"), ("Cluster__Tls__Key", "tls.key"), ("Cluster__Tls__Authority", "ca.crt") })
            Assert.Equal($"{mount["mountPath"]}/{file}", At(env[key], "value"));
        var volume = List(pod["volumes"], "volumes").Cast<Dictionary<object, object>>().Single(v => (string)v["name"] == "cluster-tls");
        Assert.Equal("actorwelfare-cluster-tls", At(volume, "secret.secretName"));
        Assert.NotNull(At(pod, "securityContext.fsGroup"));
    }

    [Fact]
    public void Kubernetes_lets_the_silo_port_in_from_silos_the_gateway_from_dashboards_and_postgres_from_the_apps_only()
    {
        var policies = Documents(Path.Combine(Deploy, "k8s", "network-policies.yaml"));
        (IReadOnlyList<string> From, IReadOnlyList<int> Ports) Rule(object rule) => (
            ((Dictionary<object, object>)rule).TryGetValue("from", out var from)
                ? [.. List(from, "from").Cast<Dictionary<object, object>>().Select(f => f.TryGetValue("namespaceSelector", out var ns)
                    ? "namespace:" + (string)Map(At(ns, "matchLabels"), "labels")["kubernetes.io/metadata.name"]
                    : Map(At(f, "podSelector"), "podSelector").TryGetValue("matchLabels", out var l) ? (string)Map(l, "labels")["app.kubernetes.io/name"] : "*")]
                : ["anyone"],
            [.. List(((Dictionary<object, object>)rule)["ports"], "ports").Cast<Dictionary<object, object>>().Select(p => Convert.ToInt32(p["port"], CultureInfo.InvariantCulture))]);
        Dictionary<string, (IReadOnlyList<string> From, IReadOnlyList<int> Ports)[]> byPod = policies.ToDictionary(
            p => (string)Map(At(p, "spec.podSelector.matchLabels"), "selector")["app.kubernetes.io/name"],
            p => List(At(p, "spec.ingress"), "ingress").Select(Rule).ToArray());
        var silo = ReadDockerfile("silo.Dockerfile");
        int siloPort = int.Parse(silo.Env["Silo__SiloPort"], CultureInfo.InvariantCulture), gateway = int.Parse(silo.Env["Silo__GatewayPort"], CultureInfo.InvariantCulture);
        Assert.Contains(byPod["actorwelfare-silo"], r => r.From.SequenceEqual(["actorwelfare-silo"]) && r.Ports.SequenceEqual([siloPort]));
        Assert.Contains(byPod["actorwelfare-silo"], r => r.From.SequenceEqual(["actorwelfare-dashboard"]) && r.Ports.SequenceEqual([gateway]));
        // Nothing else lets the silo or gateway port in.
        Assert.All(byPod["actorwelfare-silo"].Where(r => r.Ports.Contains(siloPort) || r.Ports.Contains(gateway)), r => Assert.Single(r.From));
        var dashboard = Assert.Single(byPod["actorwelfare-dashboard"]);
        Assert.Equal([ReadDockerfile("dashboard.Dockerfile").HttpPort], dashboard.Ports);
        Assert.Equal(["namespace:ingress-nginx"], dashboard.From); // only the ingress, the proxy whose forwarded headers are believed
        var database = Assert.Single(byPod["postgresql"]);
        Assert.Equal(["actorwelfare-silo", "actorwelfare-dashboard"], database.From);
        Assert.Equal([5432], database.Ports);
        Assert.All(policies, p => Assert.Equal(["Ingress"], List(At(p, "spec.policyTypes"), "policyTypes").Cast<string>()));
    }

    [Fact]
    public void No_secret_is_written_in_the_deployment_files()
    {
        foreach (var file in Directory.EnumerateFiles(Deploy, "*", SearchOption.AllDirectories).Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal) || f.Contains("Dockerfile")))
        {
            var text = File.ReadAllText(file);
            var lines = text.Split('\n').Where(l => !l.TrimStart().StartsWith('#')); // comments show how to pass it
            foreach (Match password in lines.SelectMany(l => Regex.Matches(l, @"(?i)password[=:]\s*([^;""\s]+)")))
                Assert.StartsWith("${", password.Groups[1].Value);
            Assert.DoesNotMatch(@"(?m)^kind:\s*Secret", text);
        }
    }

    /// <summary>Readiness on /healthz (cluster and database), liveness on /livez (the process): both mapped by the app.</summary>
    private static void AssertProbes(Dictionary<object, object> container, string program)
    {
        var source = File.ReadAllText(Path.Combine(RepoPaths.Root, program));
        foreach (var (probe, path) in new[] { ("readinessProbe", "/healthz"), ("livenessProbe", "/livez") })
        {
            Assert.Equal(path, At(container, $"{probe}.httpGet.path"));
            Assert.Contains($"MapHealthChecks(\"{path}\"", source);
        }
    }

    /// <summary>
    /// An environment key is one the projects read: a framework key, or a configuration key documented in the
    /// README whose last part is read by name, or bound to a property of that name, in the silo's or dashboard's code.
    /// </summary>
    private static void AssertReadByTheProjects(string key, string where)
    {
        if (key is "ASPNETCORE_ENVIRONMENT" or "Urls" || key.StartsWith("POSTGRES_", StringComparison.Ordinal)) return;
        var configurationKey = key.Replace("__", ":");
        // A city's own setting is documented once for every city: Cities:{city}:CurrentYear.
        var perCity = Regex.Replace(configurationKey, "^Cities:[^:]+:", "Cities:{city}:");
        Assert.True(Readme.Contains($"`{configurationKey}`") || Readme.Contains($"`{perCity}`") || Readme.Contains($"`{configurationKey[..configurationKey.LastIndexOf(':')]}:*`"),
            $"{where}: {key} is not a configuration key documented in README.md");
        var name = configurationKey[(configurationKey.LastIndexOf(':') + 1)..];
        // Read by name, or bound to a property of that name (configuration.GetSection(…).Get<T>()).
        Assert.True(Sources.Contains($"\"{name}\"") || Sources.Contains($"\"{configurationKey}\"") || Sources.Contains($"{{city}}:{name}\"")
            || Regex.IsMatch(Sources, $@"public \S+ {name} {{ get; init; }}"),
            $"{where}: {key} is not read by the silo or the dashboard");
    }

    private static readonly string Readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));

    // The apps' own code and the grain interfaces both compile in (Cluster:Tls is read there, for both).
    private static readonly string Sources = string.Join('\n', new[] { "silo", "dashboard", "grain-interfaces", "domain" }
        .SelectMany(p => Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, p), "*.cs", SearchOption.AllDirectories))
        .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
        .Select(File.ReadAllText));
}
