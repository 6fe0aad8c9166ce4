using System.CommandLine;
using System.Globalization;
using McpSentinel.Core.Intel;

namespace McpSentinel.Cli.Commands;

/// <summary><c>mcp-sentinel intel import|status|update</c>: the advisory data the deps engine matches against.</summary>
public static class IntelCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("intel", "Manage the advisory data used by the deps engine (bundled, imported OSV data).");
        command.Subcommands.Add(Import(console));
        command.Subcommands.Add(Status(console));
        command.Subcommands.Add(Update(console));
        return command;
    }

    private static Option<string?> DataDirOption() => new("--data-dir")
    {
        Description = $"Data directory (default: ${IntelStore.DataDirVariable}, else $XDG_DATA_HOME/mcp-sentinel, else ~/.local/share/mcp-sentinel).",
    };

    private static IntelStore Store(string? dataDir, CliConsole console) =>
        dataDir is null ? IntelStore.Default() : new IntelStore(Path.GetFullPath(Path.Combine(console.WorkingDirectory, dataDir)));

    /// <summary>Bundled plus imported advisories for a scan; problems with the imported data are warnings.</summary>
    public static AdvisoryDatabase LoadAdvisories(CliConsole console)
    {
        var db = AdvisoryDatabase.Load(IntelStore.Default(), out var problems);
        foreach (var p in problems) console.Error.WriteLine("warning: " + p);
        return db;
    }

    private static Command Import(CliConsole console)
    {
        var path = new Argument<string>("path") { Description = "An OSV JSON file, a folder of them, or a .zip of them (e.g. an OSV ecosystem all.zip)." };
        var dataDir = DataDirOption();
        var command = new Command("import", "Import OSV advisory records, offline, into the data directory.") { path, dataDir };
        command.SetAction(parse =>
        {
            var source = Path.GetFullPath(Path.Combine(console.WorkingDirectory, parse.GetValue(path)!));
            if (!File.Exists(source) && !Directory.Exists(source)) throw new UsageException($"not found: {source}");
            var store = Store(parse.GetValue(dataDir), console);
            IntelStore.ImportResult result;
            try
            {
                result = store.Import(source, DateTimeOffset.UtcNow);
            }
            catch (InvalidDataException ex)
            {
                console.Error.WriteLine($"error: {source} is not a readable zip archive ({ex.Message})");
                return ExitCodes.Incomplete;
            }
            foreach (var p in result.Problems) console.Error.WriteLine("warning: " + p);
            console.Out.WriteLine($"imported {result.AdvisoriesImported} advisories from {result.FilesRead} file(s)"
                + (result.FilesRejected > 0 ? $", {result.FilesRejected} rejected" : "")
                + (result.KnownExploitedImported > 0 ? $", {result.KnownExploitedImported} known-exploited CVEs" : "")
                + $"; {result.TotalImported} imported advisories in {store.IntelDirectory}");
            return result.AdvisoriesImported == 0 && result.FilesRejected > 0 ? ExitCodes.Incomplete : ExitCodes.Clean;
        });
        return command;
    }

    private static Command Status(CliConsole console)
    {
        var dataDir = DataDirOption();
        var command = new Command("status", "Show the advisory data in use: versions, age, counts and sources.") { dataDir };
        command.SetAction(parse =>
        {
            var store = Store(parse.GetValue(dataDir), console);
            var bundled = AdvisoryDatabase.BundledAdvisories;
            var problems = new List<string>();
            var imported = store.ReadImported(problems);
            var status = store.ReadStatus();
            var now = DateTimeOffset.UtcNow;
            var bundledAge = DateTime.TryParseExact(AdvisoryDatabase.BundledVersion, "yyyy.MM.dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var built)
                ? $" (data as of {built:yyyy-MM-dd}, {Age(now - new DateTimeOffset(built, TimeSpan.Zero))})" : "";
            console.Out.WriteLine($"bundled data:  version {AdvisoryDatabase.BundledVersion}{bundledAge}, {Describe(bundled)}");
            console.Out.WriteLine($"imported data: {(imported.Count == 0 ? "none (run 'mcp-sentinel intel import PATH' or 'mcp-sentinel intel update')" : Describe(imported))}");
            var exploited = store.ReadKnownExploited(problems);
            if (exploited.Count > 0) console.Out.WriteLine($"known exploited: {exploited.Count} CVEs from {string.Join(", ", exploited.Values.Select(e => e.Catalog).Distinct().Order(StringComparer.Ordinal))}");
            if (status.LastImport is { } last)
            {
                console.Out.WriteLine($"last import:   {last.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)} ({Age(now - last)})");
            }
            if (status.Sources.Count > 0)
            {
                console.Out.WriteLine("sources:");
                foreach (var s in status.Sources) console.Out.WriteLine($"  {s.Location} ({s.ImportedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}, {s.Advisories} advisories)");
            }
            console.Out.WriteLine($"data directory: {store.DataDirectory}");
            foreach (var p in problems) console.Error.WriteLine("warning: " + p);
            return ExitCodes.Clean;
        });
        return command;
    }

    private static Command Update(CliConsole console)
    {
        var dataDir = DataDirOption();
        var source = new Option<string>("--source") { Description = "Base URL of the OSV exports ({source}/{ecosystem}/all.zip).", DefaultValueFactory = _ => IntelUpdater.DefaultBaseUrl };
        var ecosystems = new Option<string[]>("--ecosystem") { Description = "Ecosystem to download (repeatable; default: npm and PyPI)." };
        var timeout = new Option<int>("--timeout") { Description = "Seconds to wait for each download (default 300).", DefaultValueFactory = _ => 300 };
        var command = new Command("update", "Download the OSV npm and PyPI data (needs network access) and import it.") { dataDir, source, ecosystems, timeout };
        command.SetAction(parse =>
        {
            var store = Store(parse.GetValue(dataDir), console);
            var list = parse.GetValue(ecosystems) is { Length: > 0 } e
                ? e.Select(x => Ecosystems.Canonical(x) ?? throw new UsageException($"--ecosystem: '{x}' is not one of npm, PyPI, Go, NuGet")).Distinct().ToArray()
                : IntelUpdater.DefaultEcosystems.ToArray();
            var baseUrl = parse.GetValue(source)!;
            if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")) throw new UsageException($"--source: '{baseUrl}' is not an http(s) URL");
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(Math.Clamp(parse.GetValue(timeout), 1, 3600)) };
            var outcomes = new IntelUpdater(http, store, TimeProvider.System).UpdateAsync(baseUrl, list, console.Cancellation).GetAwaiter().GetResult();
            foreach (var o in outcomes)
            {
                if (o.Ok) console.Out.WriteLine($"updated {o.Ecosystem}: {o.Message}");
                else console.Error.WriteLine($"error: could not update {o.Ecosystem}: {o.Message}");
            }
            if (outcomes.All(o => o.Ok)) return ExitCodes.Clean;
            var problems = new List<string>();
            int kept = store.ReadImported(problems).Count;
            console.Error.WriteLine($"the advisory data was NOT fully updated. Scans keep using the bundled data (version {AdvisoryDatabase.BundledVersion})"
                + $" and {kept} previously imported advisories. Offline, download the OSV exports elsewhere and run 'mcp-sentinel intel import FILE.zip'.");
            return ExitCodes.Incomplete;
        });
        return command;
    }

    private static string Describe(IReadOnlyList<Advisory> advisories)
    {
        var byEco = advisories.GroupBy(a => a.Ecosystem).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}");
        int malicious = advisories.Count(a => a.IsMalicious);
        return $"{advisories.Count} advisories ({string.Join(", ", byEco)}), {malicious} malicious package record(s)";
    }

    private static string Age(TimeSpan age) =>
        age.TotalDays >= 2 ? $"{(int)age.TotalDays} days old" : age.TotalDays >= 1 ? "1 day old" : age.TotalHours >= 2 ? $"{(int)age.TotalHours} hours old" : age.TotalHours >= 1 ? "1 hour old" : "less than an hour old";
}
