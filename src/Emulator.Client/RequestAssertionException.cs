namespace IntegrationsApiEmulator.Client;

/// <summary>
/// The journal did not hold the requests an assertion expected
/// (<see cref="EmulatorControlClient.AssertReceivedAsync"/>). The message lists what was expected and the closest
/// requests received, one line each: method, path, status and what differs.
/// </summary>
public sealed class RequestAssertionException : Exception
{
    /// <summary>An assertion failure with its message and the requests it found.</summary>
    /// <param name="message">The readable failure message.</param>
    /// <param name="matching">The requests that matched every criterion.</param>
    /// <param name="closest">The requests of the vendor closest to the expectation, best first.</param>
    public RequestAssertionException(string message, IReadOnlyList<RecordedRequest> matching, IReadOnlyList<RecordedRequest> closest)
        : base(message)
    {
        Matching = matching;
        Closest = closest;
    }

    /// <summary>The requests that matched every criterion (their count failed the expectation).</summary>
    public IReadOnlyList<RecordedRequest> Matching { get; }

    /// <summary>The vendor's requests closest to the expectation, best first (at most five).</summary>
    public IReadOnlyList<RecordedRequest> Closest { get; }
}
