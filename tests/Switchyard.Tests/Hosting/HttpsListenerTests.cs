using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Switchyard.Core.Workspace;
using Switchyard.Hosting;
using Switchyard.Tests.Support;

namespace Switchyard.Tests.Hosting;

/// <summary>The HTTPS listener (<c>--https-port</c>) over real loopback TLS: the operator's certificate, or a generated one that stays.</summary>
public sealed class HttpsListenerTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "switchyard-https-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task The_listener_serves_the_certificate_it_was_given()
    {
        Directory.CreateDirectory(_directory);
        var (certificatePath, keyPath, thumbprint) = WriteCertificate("CN=switchyard.example");

        await using var host = await StartAsync(certificatePath, keyPath);

        Assert.NotNull(host.HttpsAddress);
        Assert.Equal("https", host.HttpsAddress!.Scheme);
        var (status, served) = await GetOverTlsAsync(host.HttpsAddress, "/healthz");
        Assert.Equal(200, status);
        Assert.Equal(thumbprint, served);
        Assert.False(host.Tls!.Generated);

        // Plain HTTP keeps working beside it, on its own port.
        using var plain = new HttpClient { BaseAddress = host.BaseAddress };
        Assert.Equal(System.Net.HttpStatusCode.OK, (await plain.GetAsync("/healthz")).StatusCode);
        Assert.NotEqual(host.BaseAddress.Port, host.HttpsAddress.Port);
    }

    [Fact]
    public async Task A_generated_certificate_is_kept_in_the_data_directory_and_served_again_after_a_restart()
    {
        string first;
        await using (var host = await StartAsync(null, null))
        {
            Assert.True(host.Tls!.Generated);
            (_, first) = await GetOverTlsAsync(host.HttpsAddress!, "/healthz");
            Assert.Equal(host.Tls.Certificate.Thumbprint, first);
            var names = host.Tls.Certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
            Assert.Contains("localhost", names.EnumerateDnsNames());
            Assert.Contains(System.Net.IPAddress.Loopback, names.EnumerateIPAddresses());
        }

        foreach (var file in new[] { TlsCertificate.CertificateFile, TlsCertificate.KeyFile })
        {
            Assert.True(File.Exists(Path.Combine(_directory, file)), file);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_directory, file)));
            }
        }

        await using var restarted = await StartAsync(null, null);
        var (status, second) = await GetOverTlsAsync(restarted.HttpsAddress!, "/healthz");
        Assert.Equal(200, status);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task A_certificate_with_a_key_that_is_not_its_own_is_refused_at_start_naming_the_files()
    {
        Directory.CreateDirectory(_directory);
        var (certificatePath, _, _) = WriteCertificate("CN=one");
        var (_, otherKeyPath, _) = WriteCertificate("CN=two", "other");

        var error = await Assert.ThrowsAsync<TlsCertificateException>(() => StartAsync(certificatePath, otherKeyPath));

        Assert.Contains(certificatePath, error.Message, StringComparison.Ordinal);
        Assert.Contains(otherKeyPath, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_certificate_file_is_refused_at_start_naming_it()
    {
        var missing = Path.Combine(_directory, "nowhere.pem");

        var error = await Assert.ThrowsAsync<TlsCertificateException>(() => StartAsync(missing, missing));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    private Task<SwitchyardHost> StartAsync(string? certificatePath, string? keyPath) =>
        SwitchyardHost.StartAsync(new ServeSettings
        {
            Workspace = new Workspace([TestService.Feed("app")]),
            DataDirectory = _directory,
            Port = 0,
            HttpsPort = 0,
            TlsCertificatePath = certificatePath,
            TlsKeyPath = keyPath,
            MinimumLogLevel = LogLevel.Warning,
        });

    /// <summary>GETs over TLS, accepting any certificate, and returns the status with the thumbprint the server presented.</summary>
    private static async Task<(int Status, string Thumbprint)> GetOverTlsAsync(Uri address, string path)
    {
        string? presented = null;
        using var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
            {
                presented = certificate?.Thumbprint;
                return true;
            },
        };
        using var client = new HttpClient(handler) { BaseAddress = address };
        using var response = await client.GetAsync(path);
        return ((int)response.StatusCode, presented ?? throw new InvalidOperationException("no certificate was presented"));
    }

    private (string Certificate, string Key, string Thumbprint) WriteCertificate(string subject, string name = "given")
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(TimeProvider.System.GetUtcNow().AddDays(-1), TimeProvider.System.GetUtcNow().AddDays(30));
        var certificatePath = Path.Combine(_directory, name + "-cert.pem");
        var keyPath = Path.Combine(_directory, name + "-key.pem");
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        return (certificatePath, keyPath, certificate.Thumbprint);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
