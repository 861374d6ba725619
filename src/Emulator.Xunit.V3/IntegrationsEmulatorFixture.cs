using Xunit;

namespace IntegrationsApiEmulator.Xunit;

/// <summary>
/// The xunit.v3 lifetime of the fixture. As a class fixture: <c>IClassFixture&lt;IntegrationsEmulatorFixture&gt;</c>;
/// as a collection fixture: <c>ICollectionFixture&lt;IntegrationsEmulatorFixture&gt;</c> on a <c>[CollectionDefinition]</c>;
/// as an assembly fixture: <c>[assembly: AssemblyFixture(typeof(IntegrationsEmulatorFixture))]</c>, then take it in
/// any test class's constructor.
/// </summary>
public partial class IntegrationsEmulatorFixture : IAsyncLifetime
{
    /// <inheritdoc/>
    public async ValueTask InitializeAsync() => await StartEmulatorAsync().ConfigureAwait(false);

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await StopEmulatorAsync().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }
}
