using System.Globalization;
using GraphQL;
using System.Security.Claims;
using System.Threading.RateLimiting;
using McpSentinel.Server.Auth;
using McpSentinel.Server.Endpoints;
using McpSentinel.Server.Observability;
using McpSentinel.Storage.Entities;
using McpSentinel.Storage.Stores;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using Prometheus;
using Scalar.AspNetCore;
using StackExchange.Redis;

namespace McpSentinel.Server;

/// <summary>The API host: <c>mcp-sentinel server</c>. REST v1 under /api/v1, OpenAPI at /openapi/v1.json, docs at
/// /scalar, health at /health/live and /health/ready, Prometheus at /metrics.</summary>
public static class SentinelServer
{
    private const string AuthScheme = "Sentinel";

    public static WebApplication Build(ServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = options.MaxRequestBytes;
        });
        builder.WebHost.UseUrls([.. options.Urls]);
        if (options.GrpcUrls.Count > 0)
        {
            // gRPC needs HTTP/2; without TLS, Kestrel cannot offer HTTP/1.1 and HTTP/2 on one port, so gRPC gets its own
            // (and once endpoints are bound in code Kestrel ignores UseUrls, so the API's are bound here too)
            builder.WebHost.ConfigureKestrel(k =>
            {
                foreach (var url in options.Urls) KestrelBinding.Bind(k, url, HttpProtocols.Http1AndHttp2);
                foreach (var url in options.GrpcUrls) KestrelBinding.Bind(k, url, HttpProtocols.Http2);
            });
        }
        if (!options.ConsoleLogs) builder.Logging.ClearProviders();

        var services = builder.Services;
        SentinelServices.Add(services, options, options.RunWorker);
        services.AddSingleton<Scans.ScanProgressFeed>();
        services.AddSingleton<Scans.TriageService>();
        services.AddGraphQL(b => b
            .AddSchema<GraphQL.SentinelSchema>()
            .AddGraphTypes(typeof(GraphQL.SentinelSchema).Assembly)
            .AddSystemTextJson()
            .AddComplexityAnalyzer(c => { c.MaxDepth = 12; c.MaxComplexity = 5000; })
            .AddErrorInfoProvider(e => e.ExposeExceptionDetails = false));
        services.AddGrpc(g =>
        {
            g.IgnoreUnknownServices = true;
            g.MaxReceiveMessageSize = (int)Math.Min(int.MaxValue, options.MaxUploadBytes + 1024 * 1024);
        });
        Telemetry.Add(services, options, web: true);
        services.AddProblemDetails();
        services.AddOpenApi(o => o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info.Title = "MCP Sentinel API";
            doc.Info.Description = "Submit scans, follow them, read and triage findings, download reports. Authenticate with an X-Api-Key header (or a JWT bearer token when configured).";
            return Task.CompletedTask;
        }));
        AddAuth(services, options);
        AddRateLimits(services, options);
        if (options.CorsOrigins.Count > 0)
            services.AddCors(c => c.AddDefaultPolicy(p => p.WithOrigins([.. options.CorsOrigins]).AllowAnyHeader().AllowAnyMethod()));

        var health = services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: ["ready"])
            .AddCheck<QueueHealthCheck>("queue", tags: ["ready"]);
        if (options.Redis is not null) health.AddCheck<RedisHealthCheck>("redis", tags: ["ready"]);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });
        app.UseStatusCodePages();
        if (options.CorsOrigins.Count > 0) app.UseCors();
        app.UseHttpMetrics();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();

        var api = app.MapGroup("/api/v1");
        ScanEndpoints.Map(api);
        ProjectEndpoints.Map(api);
        RuleEndpoints.Map(api);
        WebhookEndpoints.Map(api);
        ApiKeyEndpoints.Map(api);
        AuditEndpoints.Map(api);
        ServerEndpoints.Map(api);
        GraphQL.GraphQLEndpoints.Map(app);
        app.MapGrpcService<Grpc.ScanGrpcService>();

        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference(o => o.WithTitle("MCP Sentinel API")).AllowAnonymous();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = WriteHealthAsync }).AllowAnonymous();
        app.MapMetrics("/metrics").AllowAnonymous();

        var scans = app.Services.GetRequiredService<ScanStore>();
        Metrics.DefaultRegistry.AddBeforeCollectCallback(async ct =>
        {
            SentinelMetrics.QueueDepth.WithLabels(ScanStatus.Queued).Set(await scans.CountByStatusAsync(ScanStatus.Queued, ct).ConfigureAwait(false));
            SentinelMetrics.QueueDepth.WithLabels(ScanStatus.Running).Set(await scans.CountByStatusAsync(ScanStatus.Running, ct).ConfigureAwait(false));
        });
        return app;
    }

    /// <summary>Migrates, prints the first admin key when there is none, and serves until cancelled.</summary>
    public static async Task RunAsync(ServerOptions options, CancellationToken cancellationToken)
    {
        await using var app = Build(options);
        await StartupTasks.RunAsync(app.Services, web: true, cancellationToken).ConfigureAwait(false);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        await ((IHost)app).WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void AddAuth(IServiceCollection services, ServerOptions options)
    {
        var jwt = options.Jwt;
        var auth = services.AddAuthentication(o =>
        {
            o.DefaultScheme = AuthScheme;
            o.DefaultChallengeScheme = AuthScheme;
        })
        .AddPolicyScheme(AuthScheme, "API key or JWT bearer", o => o.ForwardDefaultSelector = context =>
            jwt is not null && context.Request.Headers.Authorization.FirstOrDefault() is { } h && h.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                ? JwtBearerDefaults.AuthenticationScheme
                : ApiKeyAuthenticationHandler.SchemeName)
        .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        if (jwt is not null)
        {
            auth.AddJwtBearer(o =>
            {
                o.MapInboundClaims = false;
                o.Authority = jwt.Authority;
                o.Audience = jwt.Audience;
                o.RequireHttpsMetadata = jwt.RequireHttpsMetadata;
                o.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = jwt.Issuer,
                    ValidateIssuer = jwt.Issuer is not null || jwt.Authority is not null,
                    ValidAudience = jwt.Audience,
                    ValidateAudience = jwt.Audience is not null,
                    RoleClaimType = jwt.RoleClaim,
                    NameClaimType = "sub",
                    ClockSkew = TimeSpan.FromMinutes(1),
                    IssuerSigningKey = jwt.SigningKeyBase64 is { } k ? new SymmetricSecurityKey(Convert.FromBase64String(k)) : null,
                };
            });
        }
        services.AddAuthorization(o =>
        {
            foreach (var role in Roles.All)
                o.AddPolicy(role, p => p.AddAuthenticationSchemes(AuthScheme).RequireAuthenticatedUser().RequireRole(Roles.AtLeast(role)));
            // an endpoint that forgot to name a role still needs a viewer
            o.FallbackPolicy = o.GetPolicy(Roles.Viewer);
        });
    }

    private static void AddRateLimits(IServiceCollection services, ServerOptions options)
    {
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var user = context.User;
                string? id = user.FindFirst(ClaimTypes.NameIdentifier)?.Value ?? user.FindFirst("sub")?.Value;
                int limit = int.TryParse(user.FindFirst(ApiKeyAuthenticationHandler.RateLimitClaim)?.Value, CultureInfo.InvariantCulture, out var l) ? l : options.RateLimitPerMinute;
                string partition = (id ?? "ip:" + context.Connection.RemoteIpAddress) + "/" + limit.ToString(CultureInfo.InvariantCulture);
                return RateLimitPartition.GetFixedWindowLimiter(partition, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limit, Window = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = true,
                });
            });
            o.OnRejected = async (context, ct) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry))
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                var problems = context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails = { Status = StatusCodes.Status429TooManyRequests, Title = "Too many requests", Detail = "the rate limit of this API key was reached; retry later" },
                }).ConfigureAwait(false);
            };
        });
    }

    private static Task WriteHealthAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var entries = report.Entries.Select(e => new { name = e.Key, status = e.Value.Status.ToString(), description = e.Value.Description });
        return context.Response.WriteAsync(System.Text.Json.JsonSerializer.Serialize(new { status = report.Status.ToString(), checks = entries }));
    }
}
