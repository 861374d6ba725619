using WireMock;
using WireMock.Admin.Mappings;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace IntegrationsApiEmulator.ControlPlane;

/// <summary>
/// Turns mappings into WireMock's own <see cref="IMapping"/>s — request matchers and response providers — with
/// WireMock's code. The only public conversion of WireMock's JSON model is <see cref="WireMockServer.WithMapping(MappingModel[])"/>,
/// so the first JSON mapping starts a WireMock server on a free loopback port; it is used as a converter only
/// (each mapping is taken out again at once, so the port answers 404 to anything), never receives emulator traffic,
/// and stops when the emulator is disposed. Mappings built in code (<see cref="Request"/>, <see cref="Response"/>)
/// need no server.
/// </summary>
internal sealed class OverrideConverter : IDisposable
{
    private readonly Lock _gate = new();
    private readonly WireMockServerSettings _settings = new() { MaxRequestLogCount = 0 };
    private WireMockServer? _server;
    private bool _disposed;

    /// <summary>WireMock's mapping for a model (its <see cref="MappingModel.Guid"/> set).</summary>
    /// <exception cref="Exception">WireMock refused it (an unknown matcher, a bad regex, ...).</exception>
    public IMapping Convert(MappingModel model)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var server = _server ??= WireMockServer.Start(new WireMockServerSettings
            {
                Urls = ["http://127.0.0.1:0"],
                StartAdminInterface = false,
                MaxRequestLogCount = 0,
            });
            try
            {
                server.WithMapping(model);
                return server.Mappings.Single(m => m.Guid == model.Guid);
            }
            finally
            {
                server.ResetMappings();
            }
        }
    }

    /// <summary>WireMock's mapping for a request and response built in code, and its model (for listing).</summary>
    public (IMapping Mapping, MappingModel Model) Convert(IRequestBuilder request, IResponseBuilder response, Guid guid, int priority, string? title)
    {
        var builder = new MappingBuilder(_settings);
        var provider = builder.Given(request).WithGuid(guid).AtPriority(priority);
        if (title is not null) provider = provider.WithTitle(title);
        provider.RespondWith(response);
        var model = builder.GetMappings().Single();
        model.UpdatedAt = null;
        var mapping = new Mapping(
            guid, DateTime.UtcNow, title, description: null, path: null, _settings, request, response, priority, scenario: null,
            executionConditionState: null, nextState: null, stateTimes: null, webhooks: null, useWebhooksFireAndForget: null, timeSettings: null, data: null);
        return (mapping, model);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _server?.Stop();
            _server?.Dispose();
            _server = null;
        }
    }
}
