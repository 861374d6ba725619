using System.Globalization;
using WireMock;
using WireMock.Admin.Mappings;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace IntegrationsApiEmulator.ControlPlane;

/// <summary>
/// The installed overrides of an emulator instance, in the order WireMock would choose between them: lower
/// <c>Priority</c> first, then the mapping with more request matchers, then the newest. <see cref="OverrideMiddleware"/>
/// shows each vendor request to them in that order; the first whose WireMock matchers all match answers it.
/// A mapping posted with the <c>Guid</c> of an installed one replaces it (as in WireMock); one without a <c>Guid</c>
/// gets one drawn from the emulator's seed, so the same mappings posted in the same order get the same ids.
/// </summary>
internal sealed class OverrideMappings(int seed, IReadOnlyList<string> vendors, OverrideConverter converter)
{
    /// <summary>The <see cref="Microsoft.AspNetCore.Http.HttpContext.Items"/> key under which the answering override's guid is recorded (for the journal).</summary>
    public const string AppliedItem = "emulator.override";

    private readonly Lock _gate = new();
    private Installed[] _installed = [];
    private long _lastNumber;

    /// <summary>True when no override is installed (the middleware's fast path).</summary>
    public bool IsEmpty => Volatile.Read(ref _installed).Length == 0;

    /// <summary>The installed overrides in the order they are tried.</summary>
    internal Installed[] Snapshot => Volatile.Read(ref _installed);

    /// <summary>Installs the mappings of a WireMock mapping JSON (one mapping or an array of them); all or none.</summary>
    /// <returns>The installed overrides, in the order given.</returns>
    /// <exception cref="Core.ApiException">A 400 naming the mapping and field at fault.</exception>
    public IReadOnlyList<OverrideState> Add(string json)
    {
        try
        {
            var models = OverrideJson.Parse(json);
            return Install(models, json.TrimStart().StartsWith('['));
        }
        catch (OverrideException e)
        {
            throw ControlPlaneErrors.BadRequest(e.Message);
        }
    }

    /// <summary>Installs one mapping of WireMock's model (checked as if posted; the model itself is not changed).</summary>
    /// <exception cref="Core.ApiException">A 400 naming the field at fault.</exception>
    public OverrideState Add(MappingModel mapping)
    {
        try
        {
            return Install([OverrideJson.Check(mapping)], array: false)[0];
        }
        catch (OverrideException e)
        {
            throw ControlPlaneErrors.BadRequest(e.Message);
        }
    }

    /// <summary>Installs a mapping built with WireMock's fluent builders (response callbacks included).</summary>
    /// <exception cref="Core.ApiException">A 400 when its path can never match a vendor request.</exception>
    public OverrideState Add(IRequestBuilder request, IResponseBuilder response, int priority = 0, string? title = null)
    {
        lock (_gate)
        {
            var number = _lastNumber + 1;
            var (mapping, model) = converter.Convert(request, response, GuidFor(number), priority, title);
            Installed installed;
            try
            {
                installed = Prepare(mapping, model, number, "");
            }
            catch (OverrideException e)
            {
                throw ControlPlaneErrors.BadRequest(e.Message);
            }
            _lastNumber = number;
            Commit([installed]);
            return installed.State();
        }
    }

    /// <summary>Installs mappings checked by <see cref="OverrideJson"/>; all or none.</summary>
    /// <param name="models">The mappings (their <c>Guid</c> is set when missing).</param>
    /// <param name="array">Whether they came as an array: errors then name the mapping as <c>[i]</c>.</param>
    /// <exception cref="OverrideException">WireMock refused one, its path can never match a vendor request, or a <c>Guid</c> repeats.</exception>
    internal IReadOnlyList<OverrideState> Install(IReadOnlyList<MappingModel> models, bool array)
    {
        lock (_gate)
        {
            var batch = new List<Installed>(models.Count);
            for (var i = 0; i < models.Count; i++)
            {
                var path = array ? "[" + i.ToString(CultureInfo.InvariantCulture) + "]" : "";
                var model = models[i];
                var number = _lastNumber + 1 + i;
                if (model.Guid is null || model.Guid == Guid.Empty) model.Guid = GuidFor(number);
                else if (batch.Any(b => b.Guid == model.Guid)) throw new OverrideException(Join(path, "Guid"), $"{model.Guid} is given to two mappings");
                IMapping mapping;
                try
                {
                    mapping = converter.Convert(model);
                }
                catch (Exception e) when (e is not ObjectDisposedException)
                {
                    throw new OverrideException(path, "WireMock refused the mapping: " + e.Message);
                }
                batch.Add(Prepare(mapping, model, number, path));
            }
            _lastNumber += models.Count;
            Commit(batch);
            return [.. batch.Select(b => b.State())];
        }
    }

    /// <summary>Every installed override with its hit count, in the order they are tried.</summary>
    public IReadOnlyList<OverrideState> List() => [.. Snapshot.Select(i => i.State())];

    /// <summary>The override with this guid, or null.</summary>
    public OverrideState? Find(Guid guid) => Snapshot.FirstOrDefault(i => i.Guid == guid)?.State();

    /// <summary>Removes an override; false when there is none with this guid.</summary>
    public bool Remove(Guid guid)
    {
        lock (_gate)
        {
            var left = _installed.Where(i => i.Guid != guid).ToArray();
            if (left.Length == _installed.Length) return false;
            Volatile.Write(ref _installed, left);
            return true;
        }
    }

    /// <summary>Removes every override.</summary>
    public void Clear()
    {
        lock (_gate) Volatile.Write(ref _installed, []);
    }

    private Installed Prepare(IMapping mapping, MappingModel model, long number, string path)
    {
        var screen = OverrideScreen.Of(mapping);
        if (!screen.CanMatchVendorPath(vendors))
        {
            throw new OverrideException(Join(path, "Request.Path"),
                $"{(model.Request?.Path is string text ? "\"" + text + "\"" : "this path")} can never match a vendor request: overrides match the full request path, " +
                $"vendor prefix included ({string.Join(", ", vendors.Select(v => "/" + v + "/..."))})");
        }
        return new Installed(mapping.Guid, number, mapping, model, screen);
    }

    // Callers hold the gate. A mapping with the guid of an installed one replaces it.
    private void Commit(IReadOnlyList<Installed> batch)
    {
        var all = _installed.Where(i => batch.All(b => b.Guid != i.Guid)).Concat(batch);
        Volatile.Write(ref _installed, [.. all.OrderBy(i => i.Mapping.Priority).ThenByDescending(i => i.Screen.Matchers).ThenByDescending(i => i.Number)]);
    }

    // Version-4 layout, drawn from the seed and the override's number.
    private Guid GuidFor(long number)
    {
        Span<byte> bytes = stackalloc byte[16];
        new Random(unchecked(seed * 31 + (int)number)).NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;

    internal sealed class Installed(Guid guid, long number, IMapping mapping, MappingModel model, OverrideScreen screen)
    {
        private long _hits;

        public Guid Guid { get; } = guid;
        public long Number { get; } = number;
        public IMapping Mapping { get; } = mapping;
        public MappingModel Model { get; } = model;
        public OverrideScreen Screen { get; } = screen;

        /// <summary>True when every WireMock matcher of the mapping matches (a matcher that throws is a miss, as in WireMock).</summary>
        public bool Matches(IRequestMessage request)
        {
            try
            {
                return Mapping.GetRequestMatchResult(request, nextState: null).IsPerfectMatch;
            }
            catch (Exception)
            {
                return false;
            }
        }

        public void Hit() => Interlocked.Increment(ref _hits);

        public OverrideState State() => new(Guid, Mapping.Title, Mapping.Priority, Volatile.Read(ref _hits), Model);
    }
}
