namespace Switchyard.Sandbox.RequestLog;

/// <summary>
/// Passes the request body through unchanged while keeping its first bytes and counting the rest, so the log
/// costs no buffering of large bodies and no extra read.
/// </summary>
internal sealed class BodyCaptureStream(Stream inner, int excerptBytes) : Stream
{
    private readonly byte[] _excerpt = new byte[excerptBytes];
    private int _captured;

    public long BytesRead { get; private set; }

    public ReadOnlySpan<byte> Excerpt => _excerpt.AsSpan(0, _captured);

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        Capture(buffer[..read]);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        Capture(buffer.Span[..read]);
        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private void Capture(ReadOnlySpan<byte> chunk)
    {
        BytesRead += chunk.Length;
        var take = Math.Min(chunk.Length, _excerpt.Length - _captured);
        if (take > 0)
        {
            chunk[..take].CopyTo(_excerpt.AsSpan(_captured));
            _captured += take;
        }
    }
}
