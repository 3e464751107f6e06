using System.Net.Sockets;

namespace Switchyard.Testing.Hostile;

/// <summary>
/// Sends a <see cref="RawRequest"/> on a new connection and reads the answer until the server closes it. Writing and
/// reading overlap, so a server that answers before it has read a large body (a 413) is still heard. A server that
/// neither answers nor closes within the timeout fails the test as a hang.
/// </summary>
internal static class RawHttp
{
    public static async Task<RawResponse> SendAsync(Uri server, RawRequest request, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(server.Host, server.Port, deadline.Token);
        var bytes = request.ToBytes();
        var writing = WriteAsync(socket, bytes, request.CloseAfterSending, deadline.Token);
        using var received = new MemoryStream();
        var buffer = new byte[64 * 1024];
        try
        {
            int read;
            while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, deadline.Token)) > 0)
            {
                received.Write(buffer, 0, read);
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            throw new TimeoutException($"{request.Method} {request.Target}: no complete answer within {timeout.TotalSeconds} s (received {received.Length} bytes).");
        }
        catch (SocketException) when (received.Length > 0)
        {
            // A reset after the answer arrived (the server closed with body bytes still unread): the answer stands.
        }

        await writing;
        return RawResponse.Parse(received.ToArray());
    }

    /// <summary>
    /// Sends the head with <c>Expect: 100-continue</c>, waits for the server's <c>100 Continue</c> (so the endpoint is
    /// reading the body), sends the body bytes and then resets the connection (an abortive close, RST), as a client
    /// that crashes or is killed mid-body does. No answer is read.
    /// </summary>
    public static async Task SendAndResetAsync(Uri server, RawRequest request, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(server.Host, server.Port, deadline.Token);
        await socket.SendAsync(request.WithHeader("Expect", "100-continue").HeadBytes(), SocketFlags.None, deadline.Token);
        var buffer = new byte[1024];
        var read = await socket.ReceiveAsync(buffer, SocketFlags.None, deadline.Token);
        var interim = System.Text.Encoding.ASCII.GetString(buffer, 0, read);
        if (!interim.StartsWith("HTTP/1.1 100", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{request.Method} {request.Target}: expected 100 Continue, got '{interim}'.");
        }

        await socket.SendAsync(request.BodyBytes(), SocketFlags.None, deadline.Token);
        socket.LingerState = new LingerOption(true, 0);
        socket.Close();
    }

    private static async Task WriteAsync(Socket socket, byte[] bytes, bool closeAfterSending, CancellationToken cancellationToken)
    {
        try
        {
            for (var offset = 0; offset < bytes.Length;)
            {
                offset += await socket.SendAsync(bytes.AsMemory(offset, Math.Min(64 * 1024, bytes.Length - offset)), SocketFlags.None, cancellationToken);
            }

            if (closeAfterSending)
            {
                socket.Shutdown(SocketShutdown.Send);
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The server answered and closed before taking the whole body; what it answered is what counts.
        }
    }
}
