using Emulator.Core;
using Newtonsoft.Json.Linq;

namespace Emulator.Vendors.Membrane.Seeding;

/// <summary>Loads a <c>membrane.json</c> fixture document (format: fixtures/README.md). TODO(fixtures): not written yet.</summary>
public static class MembraneFixtures
{
    public static void Apply(MembraneState state, JToken document, FixtureContext context) =>
        throw context.Refused("", "Membrane fixtures are not supported yet");
}
