using System.Collections.Concurrent;

namespace Emulator.Core;

/// <summary>
/// A vendor's seeded templates, one per seed profile, shared by every emulator instance in the process: templates
/// are never written (tenants get clones), so a test suite that starts many emulators seeds each once.
/// </summary>
public sealed class SeededTemplates<TState>(Func<SeedProfile, TState> build) where TState : class
{
    private readonly ConcurrentDictionary<SeedProfile, Lazy<TState>> _bySeed = new();

    public TState For(SeedProfile profile) => _bySeed.GetOrAdd(profile, s => new Lazy<TState>(() => build(s))).Value;
}
