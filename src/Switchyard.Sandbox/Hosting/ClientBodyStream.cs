using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;

namespace Switchyard.Sandbox.Hosting;

/// <summary>
/// The request body as the routes see it (<see cref="SandboxErrorMiddleware"/> puts it in place, and so does the
/// service's own error middleware, which shares this class with the sandbox rather than keep a copy). A failure
/// while reading it is the client's doing (a chunk size that overflows, a connection that ends mid-body), yet Kestrel
/// reports some as a plain <see cref="IOException"/>: a reset connection aborts the request (nobody is left to answer),
/// anything else becomes a <see cref="BadHttpRequestException"/> (400 unless Kestrel chose a status), so the error
/// middleware answers 4xx instead of taking it for a bug.
/// </summary>
internal sealed class ClientBodyStream(Stream inner, HttpContext http) : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            return await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (IsClientFault(e, cancellationToken))
        {
            throw Classify(e);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(Span<byte> buffer)
    {
        try
        {
            return inner.Read(buffer);
        }
        catch (Exception e) when (IsClientFault(e, CancellationToken.None))
        {
            throw Classify(e);
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    // A cancellation the caller asked for stays one; a BadHttpRequestException already carries Kestrel's status.
    private static bool IsClientFault(Exception e, CancellationToken cancellationToken) =>
        e is not BadHttpRequestException && !(e is OperationCanceledException && cancellationToken.IsCancellationRequested);

    /// <summary>
    /// A reset connection leaves nobody to answer, and Kestrel's body reader in a state where answering anyway makes
    /// Kestrel log an error when it drains the body: the request is aborted, which the error middleware sees as a
    /// client that went away. Every other failure is a 400 for the client.
    /// </summary>
    private Exception Classify(Exception e)
    {
        if (e is ConnectionResetException)
        {
            http.Abort();
            return new OperationCanceledException("The client reset the connection.", e, http.RequestAborted);
        }

        return new BadHttpRequestException("The request body could not be read: " + e.Message, StatusCodes.Status400BadRequest, e);
    }
}
