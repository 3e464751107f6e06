using System.Text.RegularExpressions;
using Switchyard.Tests.Support;

namespace Switchyard.Tests.Cli;

/// <summary><c>serve --https-port</c> as an operator types it: the banner names the HTTPS address and the certificate; bad combinations exit 1.</summary>
public sealed class HttpsOptionProcessTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "switchyard-https-cli-" + Guid.NewGuid().ToString("N"));

    public HttpsOptionProcessTests() => Directory.CreateDirectory(_directory);

    [Fact]
    public async Task The_banner_prints_the_https_address_and_the_fingerprint_of_the_certificate_it_serves()
    {
        using var process = SwitchyardProcess.Start(_directory, "serve", "--data", Path.Combine(_directory, "data"), "--port", "0", "--https-port", "0");

        var https = (await process.WaitForLineAsync(new Regex(@"HTTPS\s+(https://\S+)"), Timeout)).Groups[1].Value;
        var fingerprint = (await process.WaitForLineAsync(new Regex(@"self-signed, kept in \S+; SHA-256 ([0-9A-F:]{95})"), Timeout)).Groups[1].Value;

        string? served = null;
        using var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
            {
                served = certificate is null ? null : Convert.ToHexString(certificate.GetCertHash(System.Security.Cryptography.HashAlgorithmName.SHA256));
                return true;
            },
        };
        using var client = new HttpClient(handler);
        using var response = await client.GetAsync(https + "/healthz");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(fingerprint.Replace(":", "", StringComparison.Ordinal), served);
        process.Kill();
    }

    [Theory]
    [InlineData("--tls-cert and --tls-key go together", "--https-port", "0", "--tls-cert", "cert.pem")]
    [InlineData("--tls-cert needs --https-port", "--tls-cert", "cert.pem", "--tls-key", "key.pem")]
    [InlineData("--https-port must be between 0 and 65535", "--https-port", "https")]
    [InlineData("--https-port 9100 is taken by --port or the Braze sandbox", "--port", "9099", "--https-port", "9100")]
    public async Task A_bad_combination_of_https_options_exits_1_saying_what_is_wrong(string message, params string[] options)
    {
        using var process = SwitchyardProcess.Start(_directory, ["serve", "--data", Path.Combine(_directory, "data"), .. options]);

        Assert.Equal(1, await process.WaitForExitAsync(Timeout));
        Assert.Contains(message, process.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", process.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_certificate_file_that_cannot_be_read_exits_2_naming_it()
    {
        var certificate = Path.Combine(_directory, "missing-cert.pem");
        using var process = SwitchyardProcess.Start(_directory, "serve", "--data", Path.Combine(_directory, "data"), "--port", "0", "--https-port", "0", "--tls-cert", certificate, "--tls-key", certificate);

        Assert.Equal(2, await process.WaitForExitAsync(Timeout));
        Assert.Contains("cannot use the TLS certificate " + certificate, process.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", process.Output, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
