using IntegrationsApiEmulator.Core;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IntegrationsApiEmulator.ControlPlane;

/// <summary>
/// <c>--overrides DIR</c> (<see cref="EmulatorOptions.OverridesDirectory"/>): every <c>*.json</c> file of the directory
/// (in name order), each one WireMock mapping or an array of them, is installed at start. A file that cannot be
/// read or holds a mapping the emulator refuses stops start-up (<see cref="InvalidDataException"/> naming the file,
/// the mapping and the reason).
/// </summary>
internal sealed class OverrideFiles(EmulatorOptions options, OverrideMappings overrides, ILogger<OverrideFiles> logger) : IHostedService
{
    private bool _loaded;

    /// <summary>Installs the directory's mappings (once: the host calls it at start unless the server already did).</summary>
    /// <exception cref="InvalidDataException">The directory is missing, or a file is unreadable or refused.</exception>
    public void Load()
    {
        if (_loaded || options.OverridesDirectory is not { } directory)
        {
            _loaded = true;
            return;
        }
        var full = Path.GetFullPath(directory);
        if (!Directory.Exists(full)) throw new InvalidDataException($"overrides directory {full}: does not exist");
        var count = 0;
        foreach (var file in Directory.GetFiles(full, "*.json").Order(StringComparer.Ordinal))
        {
            string json;
            try
            {
                json = File.ReadAllText(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new InvalidDataException($"overrides file {file}: cannot be read: {e.Message}", e);
            }
            try
            {
                count += overrides.Install(OverrideJson.Parse(json, root: ""), json.TrimStart().StartsWith('[')).Count;
            }
            catch (OverrideException e)
            {
                throw new InvalidDataException($"overrides file {file}: {e.Message}", e);
            }
        }
        _loaded = true;
        logger.LogInformation("Installed {Count} overrides from {Directory}", count, full);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Load();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
