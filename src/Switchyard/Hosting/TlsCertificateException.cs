namespace Switchyard.Hosting;

/// <summary>The HTTPS listener's certificate cannot be used; the message says which file and why.</summary>
internal sealed class TlsCertificateException(string message, Exception? inner) : Exception(message, inner);
