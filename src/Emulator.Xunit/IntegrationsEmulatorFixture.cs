using Xunit;

namespace IntegrationsApiEmulator.Xunit;

/// <summary>
/// The xunit v2 lifetime of the fixture. As a class fixture: <c>IClassFixture&lt;IntegrationsEmulatorFixture&gt;</c>;
/// as a collection fixture: a <c>[CollectionDefinition("emulator")]</c> class implementing
/// <c>ICollectionFixture&lt;IntegrationsEmulatorFixture&gt;</c> and <c>[Collection("emulator")]</c> on the test classes.
/// </summary>
public partial class IntegrationsEmulatorFixture : IAsyncLifetime
{
    /// <inheritdoc/>
    public Task InitializeAsync() => StartEmulatorAsync();

    /// <inheritdoc/>
    public Task DisposeAsync() => StopEmulatorAsync();
}
