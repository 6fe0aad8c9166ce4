using System.ComponentModel;
using System.Runtime.Serialization.Formatters.Binary;
using ModelContextProtocol.Server;
using Newtonsoft.Json;

namespace StateServer;

[McpServerToolType]
public static class StateTools
{
    [McpServerTool, Description("Restore a saved session.")]
    public static object Restore(string blob)
    {
        var formatter = new BinaryFormatter();
        using var stream = new MemoryStream(Convert.FromBase64String(blob));
        return formatter.Deserialize(stream); // EXPECT: MCP-TAINT-DESER-001
    }

    [McpServerTool, Description("Load a workflow definition.")]
    public static object? Load(string json)
    {
        var settings = new JsonSerializerSettings { TypeNameHandling = TypeNameHandling.All };
        return JsonConvert.DeserializeObject(json, settings); // EXPECT: MCP-TAINT-DESER-001
    }
}
