using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace IntegrationsApiEmulator.ControlPlane;

/// <summary>
/// The first <see cref="JournalBuffer.BodyLimit"/> bytes of a body as it streams by, in a buffer rented from the
/// shared pool on first use. <see cref="Detach"/> hands the buffer on (to a journal slot, which gives back the one it
/// held: one copy per body, no garbage); <see cref="Return"/> gives it back to the pool.
/// </summary>
internal struct CapturedBytes
{
    private byte[]? _buffer;

    public int Length { get; private set; }

    public bool Truncated { get; private set; }

    public readonly ReadOnlySpan<byte> Span => _buffer.AsSpan(0, Length);

    public void Append(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty || Truncated) return;
        var room = JournalBuffer.BodyLimit - Length;
        if (data.Length > room)
        {
            Truncated = true;
            data = data[..room];
            if (data.IsEmpty) return;
        }
        _buffer ??= ArrayPool<byte>.Shared.Rent(JournalBuffer.BodyLimit);
        data.CopyTo(_buffer.AsSpan(Length));
        Length += data.Length;
    }

    /// <summary>Replaces the kept bytes (with their redacted version), cut at the limit.</summary>
    public void Replace(ReadOnlySpan<byte> data)
    {
        Length = 0;
        var truncated = Truncated;
        Truncated = false;
        Append(data);
        Truncated |= truncated;
    }

    /// <summary>The buffer (null when nothing was kept); the caller now owns it.</summary>
    public byte[]? Detach()
    {
        var buffer = Length == 0 ? null : _buffer;
        if (buffer is not null) _buffer = null;
        return buffer;
    }

    public void Return()
    {
        if (_buffer is not null) ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = null;
        Length = 0;
    }
}

/// <summary>The request body, read through: what the vendor handler reads is kept up to the limit.</summary>
internal sealed class JournalRequestCapture(Stream inner) : Stream
{
    private CapturedBytes _bytes;
    private bool _ended;

    public Stream Inner => inner;

    public ref CapturedBytes Bytes => ref _bytes;

    /// <summary>
    /// Reads on (up to the limit) what the handler left unread — a request refused before its body was read (401,
    /// an injected fault) is journaled with its body too. The rest stays for the server to discard.
    /// </summary>
    public async ValueTask ReadRestAsync(CancellationToken cancellationToken)
    {
        if (_ended || _bytes.Truncated) return;
        var chunk = ArrayPool<byte>.Shared.Rent(4096);
        try
        {
            while (!_ended && !_bytes.Truncated && await ReadAsync(chunk, cancellationToken) > 0)
            {
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        Captured(buffer.Span[..read]);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        Captured(buffer[..read]);
        return read;
    }

    private void Captured(ReadOnlySpan<byte> read)
    {
        if (read.IsEmpty) _ended = true;
        else _bytes.Append(read);
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

/// <summary>
/// The response body feature, written through: every write goes on to the server's own feature, and its first bytes
/// are kept. <see cref="IHttpResponseBodyFeature.Writer"/> users get a pipe over this stream (created only if asked for).
/// </summary>
internal sealed class JournalResponseCapture(IHttpResponseBodyFeature inner) : Stream, IHttpResponseBodyFeature
{
    private CapturedBytes _bytes;
    private PipeWriter? _writer;

    public IHttpResponseBodyFeature Inner => inner;

    public ref CapturedBytes Bytes => ref _bytes;

    Stream IHttpResponseBodyFeature.Stream => this;

    PipeWriter IHttpResponseBodyFeature.Writer => _writer ??= PipeWriter.Create(this, new StreamPipeWriterOptions(leaveOpen: true));

    /// <summary>Pushes out what a <see cref="PipeWriter"/> user left buffered, before the server's feature is put back.</summary>
    public ValueTask<FlushResult> FlushWriterAsync() => _writer?.FlushAsync() ?? default;

    public void DisableBuffering() => inner.DisableBuffering();

    public Task StartAsync(CancellationToken cancellationToken = default) => inner.StartAsync(cancellationToken);

    public Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default) =>
        SendFileFallback.SendFileAsync(this, path, offset, count, cancellationToken);

    public async Task CompleteAsync()
    {
        if (_writer is not null) await _writer.FlushAsync();
        await inner.CompleteAsync();
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        _bytes.Append(buffer.Span);
        return inner.Stream.WriteAsync(buffer, cancellationToken);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _bytes.Append(buffer);
        inner.Stream.Write(buffer);
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.Stream.FlushAsync(cancellationToken);

    public override void Flush() => inner.Stream.Flush();

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
