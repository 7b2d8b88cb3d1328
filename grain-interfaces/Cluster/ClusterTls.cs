using System.Security.Cryptography.X509Certificates;
using Orleans.Connections.Security;

namespace ActorWelfare.Cluster;

/// <summary>
/// "Cluster:Tls": mutual TLS on every cluster connection (silo to silo, dashboard to gateway). Each
/// process presents its certificate (PEM certificate and key files) and accepts only a peer whose
/// certificate the cluster's own authority (a PEM CA certificate) issued; a client without one, or with
/// one from any other authority, cannot connect. Off when no certificate is configured (the local
/// loopback installation may leave it off; compose and Kubernetes turn it on).
/// </summary>
public sealed record ClusterTls(string CertificatePath, string KeyPath, string AuthorityPath)
{
    /// <summary>The name a connecting side asks for (SNI); certificates are checked by their authority, not by name.</summary>
    public const string PeerName = "actorwelfare-cluster";

    /// <summary>The settings from <paramref name="read"/> ("Cluster:Tls:Certificate", "…:Key", "…:Authority"); null when off.</summary>
    public static ClusterTls? From(Func<string, string?> read)
    {
        var certificate = read("Cluster:Tls:Certificate");
        if (string.IsNullOrWhiteSpace(certificate)) return null;
        var key = read("Cluster:Tls:Key");
        var authority = read("Cluster:Tls:Authority");
        var missing = new[] { ("Cluster:Tls:Key", key), ("Cluster:Tls:Authority", authority) }
            .Where(s => string.IsNullOrWhiteSpace(s.Item2)).Select(s => s.Item1).ToList();
        if (missing.Count > 0)
            throw new InvalidOperationException($"Cluster:Tls:Certificate is set, so {string.Join(" and ", missing)} must be set too (PEM files).");
        return new ClusterTls(certificate, key!, authority!);
    }

    /// <summary>This process's certificate with its private key.</summary>
    public X509Certificate2 LoadCertificate()
    {
        using var pem = X509Certificate2.CreateFromPemFile(CertificatePath, KeyPath);
        // A key loaded from PEM is ephemeral; TLS servers want it in a PKCS#12 container.
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>Mutual TLS as Orleans applies it, the same for silos and for the dashboards' clients.</summary>
    public void Apply(TlsOptions options)
    {
        var authority = LoadAuthority();
        options.LocalCertificate = LoadCertificate();
        options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.RemoteCertificateValidation = (certificate, _, _) => IsIssuedBy(certificate, authority);
        options.OnAuthenticateAsClient = (_, client) => client.TargetHost = PeerName;
    }

    public X509Certificate2 LoadAuthority() => X509CertificateLoader.LoadCertificateFromFile(AuthorityPath);

    /// <summary>
    /// Whether <paramref name="presented"/> chains to <paramref name="authority"/> (and only to it) and is
    /// valid now. Host names are not checked: silos reach each other by address; the authority is the proof.
    /// </summary>
    public static bool IsIssuedBy(X509Certificate2 presented, X509Certificate2 authority)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(presented);
    }
}
