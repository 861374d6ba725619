using System.Globalization;
using System.IO.Enumeration;

namespace IntegrationsApiEmulator.ControlPlane;

/// <summary>
/// The installed fault rules of an emulator instance, in installation order; <see cref="FaultMiddleware"/> asks
/// <see cref="Match"/> for each vendor request. Each rule draws its probabilities from its own generator, seeded from
/// the emulator's seed and the rule's number, so the same rules and the same requests hit the same way on every run.
/// </summary>
internal sealed class FaultRules(int seed, IReadOnlyList<string> vendors)
{
    /// <summary>The <see cref="Microsoft.AspNetCore.Http.HttpContext.Items"/> key under which the applied rule's id is recorded (for the journal).</summary>
    public const string AppliedItem = "emulator.fault";

    /// <summary>The longest delay a rule may ask for (10 minutes).</summary>
    public const int MaxDelayMs = 600_000;

    private readonly Lock _gate = new();
    private Installed[] _rules = [];
    private long _lastNumber;

    /// <summary>True when no rule is installed (the middleware's fast path).</summary>
    public bool IsEmpty => Volatile.Read(ref _rules).Length == 0;

    /// <summary>Validates and installs a rule.</summary>
    /// <exception cref="Core.ApiException">A 400 naming the field at fault.</exception>
    public FaultRuleState Add(FaultRule rule)
    {
        rule = Validate(rule);
        lock (_gate)
        {
            var number = ++_lastNumber;
            var installed = new Installed("fault_" + number.ToString(CultureInfo.InvariantCulture), rule, new Random(unchecked(seed * 31 + (int)number)));
            Volatile.Write(ref _rules, [.. _rules, installed]);
            return installed.State();
        }
    }

    /// <summary>Every installed rule (used-up ones too), in installation order.</summary>
    public IReadOnlyList<FaultRuleState> List()
    {
        lock (_gate) return [.. _rules.Select(r => r.State())];
    }

    /// <summary>The rule with this id, or null.</summary>
    public FaultRuleState? Find(string id)
    {
        lock (_gate) return _rules.FirstOrDefault(r => r.Id == id)?.State();
    }

    /// <summary>Removes a rule; false when there is none with this id.</summary>
    public bool Remove(string id)
    {
        lock (_gate)
        {
            var rules = _rules.Where(r => r.Id != id).ToArray();
            if (rules.Length == _rules.Length) return false;
            Volatile.Write(ref _rules, rules);
            return true;
        }
    }

    /// <summary>Removes every rule.</summary>
    public void Clear()
    {
        lock (_gate) Volatile.Write(ref _rules, []);
    }

    /// <summary>
    /// The first rule that matches the request and fires (its probability drawn, its count not used up), counted as a
    /// hit; or null.
    /// </summary>
    /// <param name="vendor">The vendor of the request.</param>
    /// <param name="method">The request method.</param>
    /// <param name="path">The path after the vendor prefix (<c>/v1/integrations</c>).</param>
    internal FaultRuleState? Match(string vendor, string method, ReadOnlySpan<char> path)
    {
        foreach (var rule in Volatile.Read(ref _rules))
        {
            var r = rule.Rule;
            if (r.Vendor is not null && r.Vendor != vendor) continue;
            if (r.Method is not null && !string.Equals(r.Method, method, StringComparison.OrdinalIgnoreCase)) continue;
            if (r.Path is not null && !FileSystemName.MatchesSimpleExpression(r.Path, path, ignoreCase: false)) continue;
            lock (_gate)
            {
                if (rule.Remaining == 0) continue;
                if (r.Probability < 1.0 && !(rule.Random.NextDouble() < r.Probability)) continue;
                rule.Hits++;
                if (rule.Remaining is { } remaining) rule.Remaining = remaining - 1;
                return rule.State();
            }
        }
        return null;
    }

    private FaultRule Validate(FaultRule rule)
    {
        var vendor = rule.Vendor;
        if (vendor is not null)
        {
            vendor = vendor.ToLowerInvariant();
            if (!vendors.Contains(vendor, StringComparer.Ordinal))
                throw ControlPlaneErrors.BadRequest($"vendor: \"{rule.Vendor}\" is not one of {string.Join(", ", vendors)}");
        }
        var method = rule.Method;
        if (method is not null)
        {
            if (method.Length == 0 || !method.All(char.IsAsciiLetter))
                throw ControlPlaneErrors.BadRequest($"method: \"{method}\" is not an HTTP method such as GET or POST");
            method = method.ToUpperInvariant();
        }
        if (rule.Path is { } path && (path.Length == 0 || path[0] is not ('/' or '*')))
            throw ControlPlaneErrors.BadRequest($"path: \"{path}\" must start with / or * (a glob relative to the vendor prefix, such as /v1/integrations*)");
        if (rule.Status is { } status and (< 400 or > 599))
            throw ControlPlaneErrors.BadRequest($"status: must be an error status from 400 to 599, not {status}");
        if (rule.DelayMs is < 0 or > MaxDelayMs)
            throw ControlPlaneErrors.BadRequest($"delayMs: must be from 0 to {MaxDelayMs} milliseconds, not {rule.DelayMs}");
        if (!double.IsFinite(rule.Probability) || rule.Probability is < 0 or > 1)
            throw ControlPlaneErrors.BadRequest($"probability: must be from 0 to 1, not {rule.Probability.ToString(CultureInfo.InvariantCulture)}");
        if (rule.Times is < 0)
            throw ControlPlaneErrors.BadRequest($"times: must be 0 or more (leave it out for no limit), not {rule.Times}");
        if (rule.Status is null && rule.DelayMs == 0 && !rule.Abort)
            throw ControlPlaneErrors.BadRequest("status, delayMs, abort: at least one effect is required (status 400-599, delayMs > 0 or abort: true)");
        if (rule.Abort && rule.Status is not null)
            throw ControlPlaneErrors.BadRequest("abort: closes the connection without an answer, so it cannot be combined with status");
        return rule with { Vendor = vendor, Method = method };
    }

    private sealed class Installed(string id, FaultRule rule, Random random)
    {
        public string Id { get; } = id;
        public FaultRule Rule { get; } = rule;
        public Random Random { get; } = random;
        public long Hits { get; set; }
        public int? Remaining { get; set; } = rule.Times;

        public FaultRuleState State() => new(Id, Rule, Hits, Remaining);
    }
}
