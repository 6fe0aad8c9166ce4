using System.CommandLine;
using McpSentinel.Core.Configuration;
using McpSentinel.Server;

namespace McpSentinel.Cli.Commands;

/// <summary><c>mcp-sentinel server</c>: the REST API, with a worker in the same process unless <c>--no-worker</c>.</summary>
public static class ServerCommand
{
    public static Command Create(CliConsole console)
    {
        var inputs = new ServerInputs();
        var urls = new Option<string[]>("--urls") { Description = "Addresses to listen on (repeatable or comma-separated). Default: http://127.0.0.1:8080 (env MCP_SENTINEL_URLS)." };
        var allowedRoots = new Option<string[]>("--allowed-root") { Description = "Accept path scans only under this folder (repeatable). Without one, path scans are refused; archives and snapshots still work." };
        var noWorker = new Option<bool>("--no-worker") { Description = "Do not run scans in this process (workers started with 'mcp-sentinel worker' take them; needs PostgreSQL)." };
        var rateLimit = new Option<int?>("--rate-limit") { Description = "Requests a minute per API key (default 600; a key may carry its own)." };
        var cors = new Option<string[]>("--cors-origin") { Description = "Allow cross-origin requests from this origin (repeatable). Default: none." };
        var grpcUrls = new Option<string[]>("--grpc-urls") { Description = "Also serve the gRPC API (HTTP/2 without TLS) on these addresses, e.g. http://127.0.0.1:8081 (env MCP_SENTINEL_GRPC_URLS). Default: off." };
        var liveHosts = new Option<string[]>("--live-allow-host") { Description = "Accept live scans of HTTP(S) MCP servers on this host name or IP address (repeatable). Default: none, live HTTP scans are refused." };
        var liveCommands = new Option<bool>("--allow-live-commands") { Description = "Accept live scans of stdio commands sent through the API; they run only under bubblewrap without network (refused when bwrap is missing). Default: off." };
        var maxUpload = new Option<string?>("--max-upload-size") { Description = "Largest uploaded archive (default 50MB)." };

        var command = new Command("server", "Run the MCP Sentinel team server: REST API (OpenAPI at /openapi/v1.json, docs at /scalar), GraphQL at /graphql, gRPC with --grpc-urls, job queue and, unless --no-worker, a worker.");
        inputs.AddTo(command);
        foreach (var option in new Option[] { urls, grpcUrls, allowedRoots, liveHosts, liveCommands, noWorker, rateLimit, cors, maxUpload }) command.Options.Add(option);
        command.SetAction(parse =>
        {
            var options = inputs.Resolve(parse, console);
            var urlList = (parse.GetValue(urls) is { Length: > 0 } u ? u : (ServerInputs.Env("URLS") ?? "http://127.0.0.1:8080").Split(','))
                .SelectMany(x => x.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();
            foreach (var url in urlList)
            {
                if (!Uri.TryCreate(url.Replace("*", "0.0.0.0", StringComparison.Ordinal).Replace("+", "0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var parsed) || (parsed.Scheme != "http" && parsed.Scheme != "https"))
                    throw new UsageException($"--urls: '{url}' is not an http(s) address such as http://127.0.0.1:8080");
            }
            var grpcList = (parse.GetValue(grpcUrls) is { Length: > 0 } g ? g : (ServerInputs.Env("GRPC_URLS") ?? "").Split(','))
                .SelectMany(x => x.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();
            foreach (var url in grpcList)
            {
                if (!Uri.TryCreate(url.Replace("*", "0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var parsed) || parsed.Scheme != "http" || parsed.Port <= 0
                    || (parsed.Host != "localhost" && !System.Net.IPAddress.TryParse(parsed.Host, out _)))
                    throw new UsageException($"--grpc-urls: '{url}' is not an address such as http://127.0.0.1:8081 (an IP address or localhost, and a port)");
                if (urlList.Any(u => Uri.TryCreate(u, UriKind.Absolute, out var h) && h.Port == parsed.Port))
                    throw new UsageException($"--grpc-urls: port {parsed.Port} is already used by --urls; gRPC needs a port of its own");
            }
            var roots = (parse.GetValue(allowedRoots) ?? []).Select(r => Path.GetFullPath(Path.Combine(console.WorkingDirectory, r))).ToArray();
            foreach (var root in roots.Where(r => !Directory.Exists(r))) throw new UsageException($"--allowed-root: {root} is not a folder");
            var hosts = (parse.GetValue(liveHosts) ?? []).SelectMany(h => h.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();
            foreach (var host in hosts.Where(h => Uri.CheckHostName(h.Trim('[', ']')) == UriHostNameType.Unknown))
                throw new UsageException($"--live-allow-host: '{host}' is not a host name or IP address");
            bool runWorker = !parse.GetValue(noWorker);
            if (!runWorker && options.Database.Provider != Storage.DatabaseProvider.Postgres)
                throw new UsageException("--no-worker needs the shared queue and database of PostgreSQL (--database postgres:...): with SQLite, workers cannot share results, so scans run in this process");
            long? upload = null;
            if (parse.GetValue(maxUpload) is { } mu)
            {
                if (!ConfigLoader.TryParseSize(mu, out var size)) throw new UsageException($"--max-upload-size: '{mu}' is not a size such as 50MB");
                upload = size;
            }
            int? limit = parse.GetValue(rateLimit) ?? ServerInputs.EnvInt("RATE_LIMIT");
            if (limit is < 1) throw new UsageException("--rate-limit must be 1 or more");
            options = options with
            {
                Urls = urlList,
                GrpcUrls = grpcList.Select(u => u.Replace("*", "0.0.0.0", StringComparison.Ordinal)).ToArray(),
                AllowedRoots = roots,
                LiveAllowHosts = hosts,
                AllowLiveCommands = parse.GetValue(liveCommands),
                RunWorker = runWorker,
                CorsOrigins = parse.GetValue(cors) ?? [],
                RateLimitPerMinute = limit ?? options.RateLimitPerMinute,
                MaxUploadBytes = upload ?? options.MaxUploadBytes,
            };
            console.Error.WriteLine($"mcp-sentinel server: {options.Database.Describe()}{(options.Queue == Server.Queue.QueueKind.Redis ? ", queue in Redis" : "")}, listening on {string.Join(", ", urlList)}{(grpcList.Length > 0 ? ", gRPC on " + string.Join(", ", grpcList) : "")}, {(runWorker ? $"worker in process ({options.WorkerCount} at a time)" : "no worker in process")}");
            try
            {
                SentinelServer.RunAsync(options, console.Cancellation).GetAwaiter().GetResult();
            }
            catch (System.Data.Common.DbException ex)
            {
                throw new UsageException($"the database {options.Database.Describe()} cannot be used: {ex.Message}");
            }
            return ExitCodes.Clean;
        });
        return command;
    }
}
