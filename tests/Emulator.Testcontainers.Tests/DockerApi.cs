using System.Net.Sockets;

namespace IntegrationsApiEmulator.Testcontainers.Tests;

/// <summary>
/// The engine's Docker API on the <c>DOCKER_HOST</c> socket (podman's here), asked directly rather than through
/// Testcontainers, so a test can check what the module left behind.
/// </summary>
internal static class DockerApi
{
    public static async Task<bool> ContainerExistsAsync(string id)
    {
        using var client = Create();
        using var response = await client.GetAsync($"containers/{id}/json");
        return response.StatusCode switch
        {
            System.Net.HttpStatusCode.OK => true,
            System.Net.HttpStatusCode.NotFound => false,
            var status => throw new InvalidOperationException($"GET /containers/{id}/json answered {(int)status}"),
        };
    }

    private static HttpClient Create()
    {
        var host = Environment.GetEnvironmentVariable("DOCKER_HOST") ?? "unix:///var/run/docker.sock";
        if (!host.StartsWith("unix://", StringComparison.Ordinal))
            throw new InvalidOperationException($"DOCKER_HOST {host}: these tests expect a unix socket");
        var socket = host["unix://".Length..];
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, cancellationToken) =>
            {
                var connection = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                await connection.ConnectAsync(new UnixDomainSocketEndPoint(socket), cancellationToken);
                return new NetworkStream(connection, ownsSocket: true);
            },
        };
        return new HttpClient(handler) { BaseAddress = new Uri("http://docker/") };
    }
}
