using Emulator.Core;
using Newtonsoft.Json.Linq;

namespace Emulator.Vendors.GitBook.Seeding;

/// <summary>Loads a <c>gitbook.json</c> fixture document (format: fixtures/README.md). TODO(fixtures): not written yet.</summary>
public static class GitBookFixtures
{
    public static void Apply(GitBookState state, JToken document, FixtureContext context) =>
        throw context.Refused("", "GitBook fixtures are not supported yet");
}
