using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ActorWelfare.Silo.Access;

/// <summary>
/// <c>dotnet ActorWelfare.Silo.dll --cluster-certificates &lt;folder&gt; [&lt;key folder&gt;]</c>: makes the
/// cluster's own authority (ca.crt) and one member certificate it issued (tls.crt, tls.key, for server
/// and client use), for Cluster:Tls. The authority's key is written only to the key folder when one is
/// given (kept offline, it issues more certificates later); otherwise it is discarded, so nothing that
/// reads the certificates can issue new ones. Files already there are kept: running it again changes
/// nothing. Compose runs it once into a shared volume; Kubernetes takes the files from a Secret.
/// </summary>
public static class ClusterCertificates
{
    public const string Command = "--cluster-certificates";
    public static readonly TimeSpan Validity = TimeSpan.FromDays(825);

    public static int Run(string folder, string? keyFolder, TextWriter output)
    {
        Directory.CreateDirectory(folder);
        var (caCrt, crt, key) = (Path.Combine(folder, "ca.crt"), Path.Combine(folder, "tls.crt"), Path.Combine(folder, "tls.key"));
        if (File.Exists(caCrt) && File.Exists(crt) && File.Exists(key))
        {
            output.WriteLine($"Cluster certificates already in {folder}: kept.");
            return 0;
        }
        using var authorityKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var authority = CreateAuthority(authorityKey, "ActorWelfare cluster authority");
        using var memberKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var member = Issue(authority, memberKey, ActorWelfare.Cluster.ClusterTls.PeerName);
        File.WriteAllText(caCrt, authority.ExportCertificatePem());
        if (keyFolder is not null)
        {
            Directory.CreateDirectory(keyFolder);
            WriteSecret(Path.Combine(keyFolder, "ca.key"), authorityKey.ExportPkcs8PrivateKeyPem());
        }
        File.WriteAllText(crt, member.ExportCertificatePem());
        WriteSecret(key, memberKey.ExportPkcs8PrivateKeyPem());
        output.WriteLine($"Cluster certificates written to {folder} (valid until {DateTime.UtcNow + Validity:yyyy-MM-dd}).");
        return 0;
    }

    public static X509Certificate2 CreateAuthority(ECDsa key, string name)
    {
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow + Validity);
    }

    /// <summary>A certificate for a member of the cluster: silos are servers and clients, dashboards clients.</summary>
    public static X509Certificate2 Issue(X509Certificate2 authority, ECDsa key, string name)
    {
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(name);
        request.CertificateExtensions.Add(names.Build());
        using var signed = request.Create(authority, DateTimeOffset.UtcNow.AddDays(-1), authority.NotAfter.ToUniversalTime().AddDays(-1), RandomNumberGenerator.GetBytes(12));
        return signed.CopyWithPrivateKey(key);
    }

    private static void WriteSecret(string path, string text)
    {
        File.WriteAllText(path, text);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }
}
