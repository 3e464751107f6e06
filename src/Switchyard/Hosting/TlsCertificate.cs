using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Switchyard.Core.Storage;

namespace Switchyard.Hosting;

/// <summary>
/// The certificate of the HTTPS listener (<c>--https-port</c>): the operator's PEM certificate and key, or, for local
/// use, a self-signed certificate made once and kept in the data directory (<see cref="CertificateFile"/> and
/// <see cref="KeyFile"/>, 0600) so a browser or a pinned client that accepted it keeps accepting it after a restart.
/// The Web SDK sends config, forwarding statistics and alias requests over https only, hence a listener at all.
/// </summary>
internal sealed class TlsCertificate
{
    public const string CertificateFile = "tls-certificate.pem";

    public const string KeyFile = "tls-key.pem";

    /// <summary>How long a generated certificate is valid: under the 398 days browsers accept for a server certificate.</summary>
    private static readonly TimeSpan GeneratedLifetime = TimeSpan.FromDays(397);

    private TlsCertificate(X509Certificate2 certificate, bool generated, string source)
    {
        Certificate = certificate;
        Generated = generated;
        Source = source;
    }

    public X509Certificate2 Certificate { get; }

    /// <summary>True when Switchyard made the certificate (self-signed) rather than the operator.</summary>
    public bool Generated { get; }

    /// <summary>Where the certificate comes from, for the banner.</summary>
    public string Source { get; }

    /// <summary>The SHA-256 fingerprint as browsers show it (upper-case hex pairs separated by colons).</summary>
    public string Fingerprint => Convert.ToHexString(Certificate.GetCertHash(HashAlgorithmName.SHA256)).Chunk(2).Select(pair => new string(pair)).Aggregate((a, b) => a + ":" + b);

    /// <summary>The operator's certificate (PEM, possibly with its chain) and private key (PEM).</summary>
    /// <exception cref="TlsCertificateException">A file is missing or unreadable, or the key does not match.</exception>
    public static TlsCertificate Load(string certificatePath, string keyPath)
    {
        try
        {
            using var pem = X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
            return new TlsCertificate(Exportable(pem), generated: false, certificatePath);
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new TlsCertificateException($"cannot use the TLS certificate {certificatePath} with the key {keyPath}: {e.Message}", e);
        }
    }

    /// <summary>
    /// The certificate kept in the data directory, made when there is none or when it has expired (or expires within a
    /// day), for <c>localhost</c>, the loopback addresses, this machine's name and the bound address.
    /// </summary>
    public static TlsCertificate LoadOrCreate(string dataDirectory, string bindAddress, TimeProvider time)
    {
        var certificatePath = Path.Combine(dataDirectory, CertificateFile);
        var keyPath = Path.Combine(dataDirectory, KeyFile);
        var now = time.GetUtcNow();
        if (File.Exists(certificatePath) && File.Exists(keyPath))
        {
            var kept = Load(certificatePath, keyPath);
            if (kept.Certificate.NotAfter.ToUniversalTime() > now.UtcDateTime.AddDays(1))
            {
                return new TlsCertificate(kept.Certificate, generated: true, certificatePath);
            }

            kept.Certificate.Dispose();
        }

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=Switchyard (self-signed)", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        names.AddIpAddress(System.Net.IPAddress.IPv6Loopback);
        var machine = System.Net.Dns.GetHostName();
        if (!string.Equals(machine, "localhost", StringComparison.OrdinalIgnoreCase) && Uri.CheckHostName(machine) == UriHostNameType.Dns)
        {
            names.AddDnsName(machine);
        }

        if (System.Net.IPAddress.TryParse(bindAddress, out var bound) && !System.Net.IPAddress.IsLoopback(bound)
            && !bound.Equals(System.Net.IPAddress.Any) && !bound.Equals(System.Net.IPAddress.IPv6Any))
        {
            names.AddIpAddress(bound);
        }

        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1", "Server Authentication")], critical: false));
        using var created = request.CreateSelfSigned(now.AddMinutes(-5), now.Add(GeneratedLifetime));

        // The key first: a crash between the two writes leaves a key without a certificate, which the next start
        // replaces, never a certificate whose key is gone.
        PrivateFiles.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        PrivateFiles.WriteAllText(certificatePath, created.ExportCertificatePem());
        return new TlsCertificate(Exportable(created), generated: true, certificatePath);
    }

    /// <summary>
    /// A copy whose private key SslStream can use on every platform: a certificate made from PEM holds an ephemeral
    /// key, which Windows' TLS stack refuses; a PKCS#12 round trip gives it a stored one.
    /// </summary>
    private static X509Certificate2 Exportable(X509Certificate2 certificate)
    {
        if (!certificate.HasPrivateKey)
        {
            throw new TlsCertificateException("the TLS certificate has no private key", null);
        }

        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), password: null);
    }
}
