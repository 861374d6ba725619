using System.Text.Json;
using System.Text.Json.Serialization;

namespace IntegrationsApiEmulator.Client;

/// <summary>How the control plane reads and writes JSON: camelCase, nulls left out when writing.</summary>
internal static class ClientJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
