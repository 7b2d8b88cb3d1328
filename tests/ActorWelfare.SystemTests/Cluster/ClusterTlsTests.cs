using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ActorWelfare.Cluster;
using ActorWelfare.Silo.Access;
using ActorWelfare.Tests.Infrastructure;
using Xunit;

namespace ActorWelfare.Tests.Cluster;

/// <summary>Mutual TLS on the cluster's ports: members with the cluster's certificates talk; nobody else connects.</summary>
public sealed class ClusterTlsTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("aw-tls-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task Two_silos_talk_over_tls_and_a_client_without_the_clusters_certificate_cannot_connect()
    {
        using var authority = Authority("ActorWelfare cluster CA");
        var member = Write("member", Issue(authority, "actorwelfare-cluster"), authority);
        using var rogueAuthority = Authority("Someone else's CA");
        var rogue = Write("rogue", Issue(rogueAuthority, "actorwelfare-cluster"), rogueAuthority);
        var tlsEnv = new Dictionary<string, string>
        {
            ["Cluster__Tls__Certificate"] = member.CertificatePath, ["Cluster__Tls__Key"] = member.KeyPath, ["Cluster__Tls__Authority"] = member.AuthorityPath,
        };

        await using var db = await TestDatabase.CreateAsync();
        await using var first = await SiloProcess.StartAsync(db.ConnectionString, extra: tlsEnv);
        await using var second = await SiloProcess.StartAsync(db.ConnectionString, extra: tlsEnv);
        // Silo to silo over TLS: both are active members, and each sees the other.
        Assert.Equal(2, await db.ScalarAsync<int>("SELECT count(*) FROM orleans_membership WHERE status = 3"));

        ActorWelfare.Access.SystemIdentity.HandDown(await db.SystemKeyAsync());
        await using (var client = await TestClient.ViaGatewayAsync(first.GatewayPort, configure: c => c.UseTls(member.Apply)))
            Assert.Equal(2, (await client.Grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Count);

        // No certificate at all, and a certificate from another authority (accepting any server): refused at
        // the door, however long the client keeps trying; the silo says why.
        var briefly = TimeSpan.FromSeconds(8);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => TestClient.ViaGatewayAsync(second.GatewayPort, timeout: briefly));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => TestClient.ViaGatewayAsync(second.GatewayPort, timeout: briefly, configure: c => c.UseTls(o =>
        {
            rogue.Apply(o);
            o.AllowAnyRemoteCertificate();
        })));
        Assert.Contains("The remote certificate was rejected by the provided RemoteCertificateValidationCallback", second.Process.Output(2000));
    }

    [Fact]
    public void A_certificate_counts_only_when_the_clusters_authority_issued_it()
    {
        using var authority = Authority("ActorWelfare cluster CA");
        using var other = Authority("Someone else's CA");
        using var issued = Issue(authority, "silo");
        using var foreign = Issue(other, "silo");
        Assert.True(ClusterTls.IsIssuedBy(issued, authority));
        Assert.False(ClusterTls.IsIssuedBy(foreign, authority));
        Assert.False(ClusterTls.IsIssuedBy(authority, other));
        var refused = Assert.Throws<InvalidOperationException>(() => ClusterTls.From(k => k == "Cluster:Tls:Certificate" ? "/x.pem" : null));
        Assert.Contains("Cluster:Tls:Key and Cluster:Tls:Authority", refused.Message);
        Assert.Null(ClusterTls.From(_ => null));
    }

    [Fact]
    public void The_silo_makes_the_clusters_certificates_once_and_keeps_them()
    {
        Assert.Equal(0, ClusterCertificates.Run(folder, null, TextWriter.Null));
        // The authority's key is not beside the certificates: whoever reads them cannot issue more.
        Assert.False(File.Exists(Path.Combine(folder, "ca.key")));
        var tls = new ClusterTls(Path.Combine(folder, "tls.crt"), Path.Combine(folder, "tls.key"), Path.Combine(folder, "ca.crt"));
        var first = File.ReadAllText(tls.CertificatePath);
        using var member = tls.LoadCertificate();
        using var authority = tls.LoadAuthority();
        Assert.True(member.HasPrivateKey);
        Assert.True(ClusterTls.IsIssuedBy(member, authority));
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(tls.KeyPath));
        Assert.Equal(0, ClusterCertificates.Run(folder, null, TextWriter.Null));
        Assert.Equal(first, File.ReadAllText(tls.CertificatePath));

        // Asked to, it keeps the authority's key in a folder of its own, able to issue more certificates.
        var other = Path.Combine(folder, "other");
        var offline = Path.Combine(folder, "offline");
        Assert.Equal(0, ClusterCertificates.Run(other, offline, TextWriter.Null));
        using var pem = X509Certificate2.CreateFromPemFile(Path.Combine(other, "ca.crt"), Path.Combine(offline, "ca.key"));
        using var issuedLater = ClusterCertificates.Issue(pem, ECDsa.Create(ECCurve.NamedCurves.nistP256), "silo-3");
        Assert.True(ClusterTls.IsIssuedBy(issuedLater, X509CertificateLoader.LoadCertificateFromFile(Path.Combine(other, "ca.crt"))));
    }

    // The keys live as long as the certificates that use them (the test's).
    private static X509Certificate2 Authority(string name) => ClusterCertificates.CreateAuthority(ECDsa.Create(ECCurve.NamedCurves.nistP256), name);

    private static X509Certificate2 Issue(X509Certificate2 authority, string name) =>
        ClusterCertificates.Issue(authority, ECDsa.Create(ECCurve.NamedCurves.nistP256), name);

    private ClusterTls Write(string name, X509Certificate2 certificate, X509Certificate2 authority)
    {
        var tls = new ClusterTls(Path.Combine(folder, name + ".crt"), Path.Combine(folder, name + ".key"), Path.Combine(folder, name + "-ca.crt"));
        File.WriteAllText(tls.CertificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(tls.KeyPath, certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(tls.AuthorityPath, authority.ExportCertificatePem());
        return tls;
    }
}
