using System.Buffers;
using System.IO.Enumeration;
using System.Text;

namespace IntegrationsApiEmulator.ControlPlane;

/// <summary>
/// The request journal: a ring of the last <see cref="Capacity"/> vendor requests (<see cref="EmulatorOptions.JournalSize"/>).
/// Recording is cheap: a body is copied once, into a pooled buffer that its slot of the ring keeps (handing back the
/// one it held), so a full journal makes no garbage per request; entries become <see cref="JournalEntry"/> records
/// only when read.
/// </summary>
internal sealed class JournalBuffer
{
    /// <summary>Bodies are kept up to this many bytes (16 KiB); longer ones are cut and flagged as truncated.</summary>
    public const int BodyLimit = 16 * 1024;

    /// <summary>The largest journal (each entry may hold two bodies of up to <see cref="BodyLimit"/> bytes).</summary>
    public const int MaxCapacity = 100_000;

    private readonly Slot?[] _slots;
    private readonly IReadOnlyList<string> _vendors;
    private long _last;          // id of the latest recorded request
    private long _clearedThrough; // entries with ids up to this one were cleared

    /// <param name="capacity">How many requests to keep; 0 turns the journal off.</param>
    /// <param name="vendors">The vendor names a query may filter by.</param>
    public JournalBuffer(int capacity, IReadOnlyList<string> vendors)
    {
        if (capacity is < 0 or > MaxCapacity)
            throw new ArgumentException($"JournalSize (--journal-size) must be from 0 (journal off) to {MaxCapacity}, not {capacity}");
        _slots = new Slot?[capacity];
        _vendors = vendors;
    }

    /// <summary>How many requests the journal keeps (0: it is off).</summary>
    public int Capacity => _slots.Length;

    /// <summary>False when the journal is off (<see cref="Capacity"/> 0): nothing is recorded.</summary>
    public bool Enabled => _slots.Length > 0;

    /// <summary>The entries matching <paramref name="query"/>, newest first.</summary>
    /// <exception cref="Core.ApiException">A 400 naming the filter at fault (unknown vendor, limit below 1).</exception>
    public IReadOnlyList<JournalEntry> Query(JournalQuery query)
    {
        if (query.Vendor is { } vendor && !_vendors.Contains(vendor, StringComparer.Ordinal))
            throw ControlPlaneErrors.BadRequest($"vendor: \"{vendor}\" is not one of {string.Join(", ", _vendors)}");
        var limit = query.Limit ?? JournalQuery.DefaultLimit;
        if (limit < 1) throw ControlPlaneErrors.BadRequest($"limit: must be 1 or more, not {limit}");

        var entries = new List<JournalEntry>();
        if (!Enabled) return entries;
        var last = Volatile.Read(ref _last);
        var first = Math.Max(last - _slots.Length, Volatile.Read(ref _clearedThrough)) + 1;
        if (query.BeforeId is { } before) last = Math.Min(last, before - 1);
        if (query.AfterId is { } after) first = Math.Max(first, after + 1);
        for (var id = last; id >= first && entries.Count < limit; id--)
        {
            if (Volatile.Read(ref _slots[SlotIndex(id)]) is not { } slot) continue;
            slot.Enter();
            try
            {
                if (slot.Id == id && Matches(slot, query)) entries.Add(slot.ToEntry());
            }
            finally
            {
                slot.Exit();
            }
        }
        return entries;
    }

    /// <summary>Forgets every entry recorded so far.</summary>
    public void Clear()
    {
        var last = Volatile.Read(ref _last);
        long cleared;
        do
        {
            cleared = Volatile.Read(ref _clearedThrough);
            if (cleared >= last) return;
        }
        while (Interlocked.CompareExchange(ref _clearedThrough, last, cleared) != cleared);
    }

    /// <summary>
    /// Stores a finished request. The body buffers (rented from <see cref="ArrayPool{T}.Shared"/>) now belong to the
    /// journal: the slot keeps them and gives the ones it held back to the pool.
    /// </summary>
    internal void Record(in JournalRecord record)
    {
        var id = Interlocked.Increment(ref _last);
        ref var cell = ref _slots[SlotIndex(id)];
        var slot = Volatile.Read(ref cell) ?? Interlocked.CompareExchange(ref cell, new Slot(), null) ?? Volatile.Read(ref cell)!;
        byte[]? freeRequest = record.RequestBody, freeResponse = record.ResponseBody;
        slot.Enter();
        try
        {
            // A request that took longer than a whole lap of the ring does not overwrite a newer one.
            if (slot.Id < id) slot.Fill(id, record, out freeRequest, out freeResponse);
        }
        finally
        {
            slot.Exit();
        }
        if (freeRequest is not null) ArrayPool<byte>.Shared.Return(freeRequest);
        if (freeResponse is not null) ArrayPool<byte>.Shared.Return(freeResponse);
    }

    private int SlotIndex(long id) => (int)((id - 1) % _slots.Length);

    private static bool Matches(Slot slot, JournalQuery query)
    {
        if (query.Vendor is { } vendor && slot.Vendor != vendor) return false;
        if (query.Tenant is { } tenant && slot.Tenant != tenant) return false;
        if (query.Method is { } method && !string.Equals(slot.Method, method, StringComparison.OrdinalIgnoreCase)) return false;
        if (query.Status is { } status && slot.Status != status) return false;
        if (query.Path is { } glob)
        {
            var path = slot.Path;
            var relative = path[Math.Min(path.Length, slot.Vendor.Length + 1)..];
            if (!FileSystemName.MatchesSimpleExpression(glob, path, ignoreCase: false)
                && !FileSystemName.MatchesSimpleExpression(glob, relative, ignoreCase: false))
                return false;
        }
        return true;
    }

    /// <summary>
    /// One place of the ring, overwritten in place. The request's text (path, query, headers) is copied into the
    /// slot's own character buffer rather than referenced: an old slot pointing at each request's fresh strings
    /// would make every young-generation collection keep and promote them all.
    /// </summary>
    private sealed class Slot
    {
        private int _busy; // a spin flag: held for a copy of a few hundred bytes (writers) or one entry's strings (readers)
        private char[] _text = new char[512];
        private TextRange _path;
        private TextRange _query;
        private HeaderRange[] _headers = new HeaderRange[16];
        private int _headerCount;
        private Body _request;
        private Body _response;

        public long Id;
        public DateTimeOffset Time;
        public string Vendor = "";
        public string? Tenant;   // tenant keys are long-lived (the registry keeps them)
        public string Method = ""; // the standard methods are interned constants
        public int Status;
        public double DurationMs;
        public string? Fault;    // a rule's id
        public string? Override; // a mapping's guid

        public ReadOnlySpan<char> Path => _text.AsSpan(_path.Start, _path.Length);

        public void Enter()
        {
            if (Interlocked.CompareExchange(ref _busy, 1, 0) == 0) return;
            var spinner = new SpinWait();
            while (Interlocked.CompareExchange(ref _busy, 1, 0) != 0) spinner.SpinOnce();
        }

        public void Exit() => Volatile.Write(ref _busy, 0);

        public void Fill(long id, in JournalRecord record, out byte[]? oldRequest, out byte[]? oldResponse)
        {
            Id = id;
            Time = record.Time;
            Vendor = record.Vendor;
            Tenant = record.Tenant;
            Method = record.Method;
            Status = record.Status;
            DurationMs = record.DurationMs;
            Fault = record.Fault;
            Override = record.Override;

            var headers = record.Headers.Span;
            var needed = record.Path.Length + (record.Query?.Length ?? 0);
            foreach (var (name, value) in headers) needed += name.Length + value.Length;
            if (_text.Length < needed) _text = new char[Math.Max(needed, 2 * _text.Length)];
            if (_headers.Length < headers.Length) _headers = new HeaderRange[Math.Max(headers.Length, 2 * _headers.Length)];
            var length = 0;
            _path = Append(record.Path, ref length);
            _query = record.Query is null ? new TextRange(0, -1) : Append(record.Query, ref length);
            for (var i = 0; i < headers.Length; i++)
                _headers[i] = new HeaderRange(Append(headers[i].Key, ref length), Append(headers[i].Value, ref length));
            _headerCount = headers.Length;

            oldRequest = _request.Set(record.RequestBody, record.RequestBodyLength, record.RequestBodyTruncated);
            oldResponse = _response.Set(record.ResponseBody, record.ResponseBodyLength, record.ResponseBodyTruncated);
        }

        public JournalEntry ToEntry()
        {
            var headers = new Dictionary<string, string>(_headerCount, StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < _headerCount; i++) headers.TryAdd(Text(_headers[i].Name)!, Text(_headers[i].Value)!);
            return new JournalEntry(
                Id, Time, Vendor, Tenant, Method, Text(_path)!, Text(_query), Status, Math.Round(DurationMs, 3), headers,
                _request.Text(), _request.Truncated, _response.Text(), _response.Truncated, Fault, Override);
        }

        private TextRange Append(string text, ref int length)
        {
            text.CopyTo(_text.AsSpan(length));
            var range = new TextRange(length, text.Length);
            length += text.Length;
            return range;
        }

        private string? Text(TextRange range) => range.Length < 0 ? null : new string(_text, range.Start, range.Length);

        private readonly record struct TextRange(int Start, int Length);

        private readonly record struct HeaderRange(TextRange Name, TextRange Value);
    }

    private struct Body
    {
        private byte[]? _bytes;
        private int _length;

        public bool Truncated { get; private set; }

        /// <summary>Takes <paramref name="bytes"/> (a pooled buffer, or null); returns the buffer held before.</summary>
        public byte[]? Set(byte[]? bytes, int length, bool truncated)
        {
            var old = _bytes;
            _bytes = bytes;
            _length = bytes is null ? 0 : length;
            Truncated = truncated;
            return old;
        }

        public readonly string? Text()
        {
            if (_length == 0) return null;
            var bytes = _bytes.AsSpan(0, _length);
            // A cut body may end inside a multi-byte character: drop its first bytes rather than show a U+FFFD.
            if (Truncated) bytes = bytes[..CompleteUtf8Length(bytes)];
            return Encoding.UTF8.GetString(bytes);
        }

        private static int CompleteUtf8Length(ReadOnlySpan<byte> bytes)
        {
            // Walk back over at most 3 continuation bytes to the lead byte; keep it only if its sequence is complete.
            var i = bytes.Length - 1;
            var continuation = 0;
            while (i >= 0 && continuation < 3 && (bytes[i] & 0xC0) == 0x80)
            {
                i--;
                continuation++;
            }
            if (i < 0) return bytes.Length;
            var lead = bytes[i];
            var needed = lead < 0x80 ? 0 : (lead & 0xE0) == 0xC0 ? 1 : (lead & 0xF0) == 0xE0 ? 2 : (lead & 0xF8) == 0xF0 ? 3 : 0;
            return needed > continuation ? i : bytes.Length;
        }
    }
}

/// <summary>What <see cref="JournalMiddleware"/> hands to <see cref="JournalBuffer.Record"/> for one finished request.</summary>
internal readonly record struct JournalRecord(
    DateTimeOffset Time,
    string Vendor,
    string? Tenant,
    string Method,
    string Path,
    string? Query,
    int Status,
    double DurationMs,
    ReadOnlyMemory<KeyValuePair<string, string>> Headers,
    byte[]? RequestBody,
    int RequestBodyLength,
    bool RequestBodyTruncated,
    byte[]? ResponseBody,
    int ResponseBodyLength,
    bool ResponseBodyTruncated,
    string? Fault,
    string? Override);
