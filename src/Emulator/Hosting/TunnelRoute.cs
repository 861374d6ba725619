namespace IntegrationsApiEmulator;

/// <summary>A public tunnel hostname and the local origin behind it, as registered.</summary>
/// <param name="Url">The public URL as registered (<c>https://calm-river-tiny-fox.trycloudflare.com</c>).</param>
/// <param name="Host">Its host, lower-cased: the registry's key.</param>
/// <param name="Origin">The local origin requests to <see cref="Host"/> go to (<c>http://localhost:8787</c>).</param>
/// <param name="CreatedAt">When it was registered (the emulator's clock).</param>
public sealed record TunnelRoute(string Url, string Host, string Origin, DateTimeOffset CreatedAt);
