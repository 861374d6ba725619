using Microsoft.AspNetCore.Http;

namespace IntegrationsApiEmulator.Core;

/// <summary>Serialized JSON with a status code and an optional <c>Location</c> header (GitBook's 201 installs).</summary>
internal sealed class JsonBytesResult(byte[] json, int statusCode = StatusCodes.Status200OK, string? location = null) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = statusCode;
        response.ContentType = "application/json";
        response.ContentLength = json.Length;
        if (location is not null) response.Headers.Location = location;
        return response.Body.WriteAsync(json).AsTask();
    }
}
