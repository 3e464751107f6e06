using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Switchyard.Core.Storage;

namespace Switchyard.Privacy;

/// <summary>
/// Signs DSR API answers and status callbacks as OpenDSR describes: <c>X-OpenDSR-Signature</c> is the base64 RSA
/// SHA-256 signature (PKCS#1 v1.5) of the exact body bytes, checked against the processor certificate that discovery
/// names (https://docs.mparticle.com/developers/apis/dsr-api/v3/). The key is made once and kept in the data directory
/// (<c>dsr-signing-key.pem</c>, 0600); the certificate is self-signed for the processor domain, so a receiver pins it
/// rather than checking it against a public authority.
/// </summary>
internal sealed class DsrSigner : IDisposable
{
    private readonly RSA _key;

    private DsrSigner(RSA key, string domain)
    {
        _key = key;
        Domain = domain;
        var request = new CertificateRequest($"CN={domain}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(domain);
        request.CertificateExtensions.Add(san.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UnixEpoch.AddYears(56), DateTimeOffset.UnixEpoch.AddYears(80));
        CertificatePem = certificate.ExportCertificatePem();
    }

    /// <summary>The processor domain sent as <c>X-OpenDSR-Processor-Domain</c>.</summary>
    public string Domain { get; }

    public string CertificatePem { get; }

    public static DsrSigner Open(string dataDirectory, string domain)
    {
        var path = Path.Combine(dataDirectory, "dsr-signing-key.pem");
        var key = RSA.Create();
        try
        {
            if (File.Exists(path))
            {
                key.ImportFromPem(File.ReadAllText(path));
            }
            else
            {
                key.KeySize = 2048;
                PrivateFiles.WriteAllText(path, key.ExportPkcs8PrivateKeyPem());
            }

            return new DsrSigner(key, domain);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    public string Sign(ReadOnlySpan<byte> body) => Convert.ToBase64String(_key.SignData(body, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));

    public void Dispose() => _key.Dispose();
}
