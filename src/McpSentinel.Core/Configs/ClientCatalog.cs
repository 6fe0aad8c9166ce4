using System.Reflection;

namespace McpSentinel.Core.Configs;

/// <summary>The client locations of the embedded, versioned <c>clients.yaml</c>.</summary>
public sealed class ClientCatalog
{
    public static readonly IReadOnlyList<string> OperatingSystems = ["linux", "macos", "windows"];

    private static readonly Lazy<ClientCatalog> BuiltinCatalog = new(LoadBuiltin);

    public ClientCatalog(int version, IReadOnlyList<ClientDefinition> clients)
    {
        Version = version;
        Clients = clients;
        ById = clients.ToDictionary(c => c.Id, StringComparer.Ordinal);
    }

    public static ClientCatalog Builtin => BuiltinCatalog.Value;

    public int Version { get; }
    public IReadOnlyList<ClientDefinition> Clients { get; }
    public IReadOnlyDictionary<string, ClientDefinition> ById { get; }

    private static ClientCatalog LoadBuiltin()
    {
        using var stream = typeof(ClientCatalog).Assembly.GetManifestResourceStream("configs/clients.yaml")
            ?? throw new InvalidOperationException("the embedded configs/clients.yaml is missing");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }

    /// <summary>Reads a catalog document; throws <see cref="FormatException"/> naming the line of anything missing or wrong.</summary>
    public static ClientCatalog Parse(string yaml)
    {
        ConfigNode root;
        try { root = ConfigDocumentParser.Parse(yaml, ConfigFormat.Yaml); }
        catch (ConfigParseException ex) { throw new FormatException($"clients.yaml:{ex.Line}: {ex.Message}"); }

        if (!int.TryParse(root["version"]?.AsString(), out int version) || version < 1) throw new FormatException("clients.yaml: 'version' must be a positive integer");
        var list = root["clients"];
        if (list is not { IsArray: true }) throw new FormatException("clients.yaml: 'clients' must be a list");
        var clients = new List<ClientDefinition>();
        foreach (var node in list.Items)
        {
            string Require(string key) => node[key]?.AsString() is { Length: > 0 } v ? v : throw new FormatException($"clients.yaml:{node.Line}: '{key}' is required");
            var id = Require("id");
            if (!ConfigFormats.TryParse(Require("format"), out var format)) throw new FormatException($"clients.yaml:{node.Line}: unknown format for '{id}'");
            var servers = Strings(node["servers"]);
            if (servers.Count == 0) throw new FormatException($"clients.yaml:{node.Line}: '{id}' needs at least one server key");
            var user = PerOs(node["user"], id, node.Line);
            var project = Strings(node["project"]);
            if (user.Count == 0 && project.Count == 0) throw new FormatException($"clients.yaml:{node.Line}: '{id}' has no user or project paths");
            clients.Add(new ClientDefinition
            {
                Id = id,
                Name = Require("name"),
                Format = format,
                ServerKeys = servers,
                Settings = Strings(node["settings"]),
                UserPaths = user,
                ProjectPaths = project,
                SystemPaths = PerOs(node["system"], id, node.Line),
                Docs = Require("docs"),
            });
        }
        foreach (var dup in clients.GroupBy(c => c.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
            throw new FormatException($"clients.yaml: client id '{dup.Key}' appears twice");
        return new ClientCatalog(version, clients);
    }

    private static List<string> Strings(ConfigNode? node) =>
        node is { IsArray: true } ? node.Items.Select(i => i.AsString()).OfType<string>().Where(s => s.Length > 0).ToList() : [];

    private static Dictionary<string, IReadOnlyList<string>> PerOs(ConfigNode? node, string id, int line)
    {
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (node is null) return result;
        if (!node.IsObject) throw new FormatException($"clients.yaml:{line}: paths of '{id}' must be a mapping of operating system to paths");
        foreach (var property in node.Properties)
        {
            var paths = Strings(property.Value);
            if (property.Name == "all")
            {
                foreach (var os in OperatingSystems) result[os] = [.. (result.TryGetValue(os, out var have) ? have : []), .. paths];
            }
            else if (OperatingSystems.Contains(property.Name))
            {
                result[property.Name] = [.. (result.TryGetValue(property.Name, out var have) ? have : []), .. paths];
            }
            else
            {
                throw new FormatException($"clients.yaml:{property.Line}: unknown operating system '{property.Name}' (all, linux, macos, windows)");
            }
        }
        return result;
    }
}
