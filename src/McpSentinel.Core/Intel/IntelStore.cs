using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace McpSentinel.Core.Intel;

/// <summary>The user's imported advisory data: <c>&lt;data&gt;/intel/imported.jsonl</c> (one normalised advisory per
/// line) and <c>&lt;data&gt;/intel/status.json</c> (when and from where). The data directory is
/// <c>$MCP_SENTINEL_DATA_DIR</c>, else <c>$XDG_DATA_HOME/mcp-sentinel</c>, else the platform's local application
/// data folder (<c>~/.local/share/mcp-sentinel</c> on Linux).</summary>
public sealed class IntelStore
{
    public const string DataDirVariable = "MCP_SENTINEL_DATA_DIR";
    private const long MaxEntryBytes = 16 * 1024 * 1024;

    public IntelStore(string dataDirectory)
    {
        DataDirectory = Path.GetFullPath(dataDirectory);
    }

    public string DataDirectory { get; }
    public string IntelDirectory => Path.Combine(DataDirectory, "intel");
    public string ImportedPath => Path.Combine(IntelDirectory, "imported.jsonl");
    public string StatusPath => Path.Combine(IntelDirectory, "status.json");
    /// <summary>Imported known-exploited CVEs (CISA KEV format), one JSON entry per line.</summary>
    public string KnownExploitedPath => Path.Combine(IntelDirectory, "known-exploited.jsonl");

    public static string DefaultDataDirectory()
    {
        if (Environment.GetEnvironmentVariable(DataDirVariable) is { Length: > 0 } explicitDir) return explicitDir;
        if (Environment.GetEnvironmentVariable("XDG_DATA_HOME") is { Length: > 0 } xdg) return Path.Combine(xdg, "mcp-sentinel");
        return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "mcp-sentinel");
    }

    public static IntelStore Default() => new(DefaultDataDirectory());

    public sealed record ImportSource(string Location, DateTimeOffset ImportedAt, int Advisories);

    public sealed record StoreStatus(DateTimeOffset? LastImport, IReadOnlyList<ImportSource> Sources);

    public sealed record ImportResult(int FilesRead, int AdvisoriesImported, int FilesRejected, IReadOnlyList<string> Problems, int TotalImported, int KnownExploitedImported = 0);

    /// <summary>Imported known-exploited CVEs by CVE id; a malformed line is reported in <paramref name="problems"/>.</summary>
    public Dictionary<string, KnownExploitedCatalog.Entry> ReadKnownExploited(List<string> problems)
    {
        var result = new Dictionary<string, KnownExploitedCatalog.Entry>(StringComparer.Ordinal);
        if (!File.Exists(KnownExploitedPath)) return result;
        int lineNo = 0;
        foreach (var line in File.ReadLines(KnownExploitedPath))
        {
            lineNo++;
            if (line.Length == 0) continue;
            try
            {
                if (JsonSerializer.Deserialize<KnownExploitedCatalog.Entry>(line, AdvisoryDatabase.JsonOptions) is { Cve: not null } e) result[e.Cve] = e;
            }
            catch (JsonException ex)
            {
                if (problems.Count < 20) problems.Add($"{KnownExploitedPath}:{lineNo}: unreadable known-exploited entry ({ex.Message})");
            }
        }
        return result;
    }

    /// <summary>Imported advisories; a malformed line is reported in <paramref name="problems"/> and skipped.</summary>
    public List<Advisory> ReadImported(List<string> problems)
    {
        var result = new List<Advisory>();
        if (!File.Exists(ImportedPath)) return result;
        int lineNo = 0;
        foreach (var line in File.ReadLines(ImportedPath))
        {
            lineNo++;
            if (line.Length == 0) continue;
            try
            {
                if (JsonSerializer.Deserialize<Advisory>(line, AdvisoryDatabase.JsonOptions) is { } a) result.Add(a);
            }
            catch (JsonException ex)
            {
                if (problems.Count < 20) problems.Add($"{ImportedPath}:{lineNo}: unreadable imported advisory ({ex.Message})");
            }
        }
        return result;
    }

    public StoreStatus ReadStatus()
    {
        if (!File.Exists(StatusPath)) return new StoreStatus(null, []);
        try
        {
            return JsonSerializer.Deserialize<StoreStatus>(File.ReadAllText(StatusPath), AdvisoryDatabase.JsonOptions) ?? new StoreStatus(null, []);
        }
        catch (JsonException)
        {
            return new StoreStatus(null, []);
        }
    }

    /// <summary>Imports OSV records from a .json file, a folder of .json files, or a .zip of them (as the OSV
    /// ecosystem exports are). Existing imported entries with the same id and package are replaced. A file that is
    /// not a valid OSV record is counted and named in the problems, never fatal.</summary>
    public ImportResult Import(string path, DateTimeOffset now, string? displaySource = null)
    {
        var problems = new List<string>();
        var incoming = new List<Advisory>();
        var exploited = new List<KnownExploitedCatalog.Entry>();
        int files = 0, rejected = 0;
        string source = displaySource ?? Path.GetFullPath(path);

        void ReadOne(string name, string json)
        {
            files++;
            try
            {
                if (KnownExploitedCatalog.LooksLikeCatalog(json)) exploited.AddRange(KnownExploitedCatalog.Read(json));
                else incoming.AddRange(OsvReader.Read(json, source));
            }
            catch (JsonException ex)
            {
                rejected++;
                if (problems.Count < 20) problems.Add($"{name}: not an OSV JSON record ({ex.Message})");
            }
        }

        if (Directory.Exists(path))
        {
            foreach (var file in Directory.EnumerateFiles(path, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                ReadOne(file, File.ReadAllText(file));
            }
        }
        else if (path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            using var zip = ZipFile.OpenRead(path);
            foreach (var entry in zip.Entries.Where(e => e.FullName.EndsWith(".json", StringComparison.OrdinalIgnoreCase)))
            {
                if (entry.Length > MaxEntryBytes)
                {
                    rejected++;
                    problems.Add($"{entry.FullName}: larger than {MaxEntryBytes / (1024 * 1024)} MB, skipped");
                    continue;
                }
                using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
                ReadOne(entry.FullName, reader.ReadToEnd());
            }
        }
        else
        {
            ReadOne(path, File.ReadAllText(path));
        }

        if (exploited.Count > 0)
        {
            var known = ReadKnownExploited(problems);
            foreach (var e in exploited) known[e.Cve] = e;
            Directory.CreateDirectory(IntelDirectory);
            File.WriteAllLines(KnownExploitedPath, known.Values.OrderBy(e => e.Cve, StringComparer.Ordinal).Select(e => JsonSerializer.Serialize(e, AdvisoryDatabase.JsonOptions)));
        }

        var existing = ReadImported(problems);
        var byKey = new Dictionary<(string, string, string), Advisory>();
        foreach (var a in existing.Concat(incoming)) byKey[(a.Id, a.Ecosystem, Ecosystems.NormalizeName(a.Ecosystem, a.Package))] = a;

        Directory.CreateDirectory(IntelDirectory);
        var temp = ImportedPath + ".tmp";
        using (var writer = new StreamWriter(temp, false, new UTF8Encoding(false)))
        {
            foreach (var a in byKey.Values.OrderBy(a => a.Ecosystem, StringComparer.Ordinal).ThenBy(a => a.Package, StringComparer.Ordinal).ThenBy(a => a.Id, StringComparer.Ordinal))
            {
                writer.WriteLine(JsonSerializer.Serialize(a, AdvisoryDatabase.JsonOptions));
            }
        }
        File.Move(temp, ImportedPath, overwrite: true);

        var status = ReadStatus();
        var sources = status.Sources.Where(s => s.Location != source).Append(new ImportSource(source, now, incoming.Count + exploited.Count)).ToList();
        File.WriteAllText(StatusPath, JsonSerializer.Serialize(new StoreStatus(now, sources), AdvisoryDatabase.JsonOptions));
        return new ImportResult(files, incoming.Count, rejected, problems, byKey.Count, exploited.Count);
    }
}
