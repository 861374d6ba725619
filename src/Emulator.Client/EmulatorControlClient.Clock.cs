using System.Globalization;
using System.Text.Json.Nodes;
using System.Xml;

namespace IntegrationsApiEmulator.Client;

public sealed partial class EmulatorControlClient
{
    /// <summary><c>GET /_emulator/clock</c>: the emulated time and whether it is frozen.</summary>
    public Task<ClockReading> GetClockAsync(CancellationToken cancellationToken = default) =>
        GetAsync<ClockReading>("clock", cancellationToken);

    /// <summary>Stops the clock (<c>{"freeze":true}</c>): time moves only when advanced or set.</summary>
    public Task<ClockReading> FreezeClockAsync(CancellationToken cancellationToken = default) =>
        ChangeClockAsync("freeze", true, cancellationToken);

    /// <summary>Lets the clock run again in real time from where it stands (<c>{"freeze":false}</c>).</summary>
    public Task<ClockReading> ResumeClockAsync(CancellationToken cancellationToken = default) =>
        ChangeClockAsync("freeze", false, cancellationToken);

    /// <summary>Moves the clock forward (<c>{"advance":"PT1H"}</c>); scheduled work due by then (GitBook tasks) fires.</summary>
    /// <param name="by">A positive duration.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public Task<ClockReading> AdvanceClockAsync(TimeSpan by, CancellationToken cancellationToken = default) =>
        ChangeClockAsync("advance", XmlConvert.ToString(by), cancellationToken);

    /// <summary>Sets the clock to a time (<c>{"set":"2030-01-01T00:00:00Z"}</c>).</summary>
    public Task<ClockReading> SetClockAsync(DateTimeOffset to, CancellationToken cancellationToken = default) =>
        ChangeClockAsync("set", to.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture), cancellationToken);

    /// <summary>Back to the machine's time (<c>{"real":true}</c>): not frozen, no offset.</summary>
    public Task<ClockReading> UseRealTimeAsync(CancellationToken cancellationToken = default) =>
        ChangeClockAsync("real", true, cancellationToken);

    private Task<ClockReading> ChangeClockAsync(string change, JsonNode value, CancellationToken cancellationToken) =>
        PostAsync<ClockReading>("clock", Json(new JsonObject { [change] = value }), cancellationToken);
}
