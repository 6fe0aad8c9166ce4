using Hangfire;
using Hangfire.InMemory;
using Hangfire.Logging;
using Hangfire.PostgreSql;
using Hangfire.Redis.StackExchange;
using McpSentinel.Storage;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace McpSentinel.Server.Queue;

/// <summary>The Hangfire job queue: PostgreSQL when the database is PostgreSQL (shared by the server and every
/// <c>mcp-sentinel worker</c>), in memory otherwise (the single-process default; unfinished scans are queued again
/// at start), or Redis with <c>--queue redis</c> (results stay in the database). The storage is registered as this
/// app's own instance, not Hangfire's global one.</summary>
public static class QueueSetup
{
    public static readonly string[] Queues = ["scans", "webhooks", "default"];

    public static void AddQueue(IServiceCollection services, ServerOptions options, bool runWorker)
    {
        if (!options.ConsoleLogs) LogProvider.SetCurrentLogProvider(new SilentLogProvider());
        if (options.Queue == QueueKind.Redis)
        {
            if (options.Redis is null) throw new InvalidOperationException("the Redis queue needs a Redis connection (--redis)");
            services.AddSingleton<JobStorage>(sp => CreateRedis(sp.GetRequiredService<IConnectionMultiplexer>(), options));
        }
        else
        {
            JobStorage storage = options.Database.Provider == DatabaseProvider.Postgres
                ? CreatePostgres(options)
                : new InMemoryStorage(new InMemoryStorageOptions { MaxExpirationTime = TimeSpan.FromHours(6) });
            services.AddSingleton(storage);
        }
        services.AddHangfire(config =>
        {
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            if (!options.ConsoleLogs) config.UseLogProvider(new SilentLogProvider());
        });
        if (runWorker)
        {
            services.AddHangfireServer((_, server) =>
            {
                server.WorkerCount = options.WorkerCount;
                server.Queues = Queues;
                server.SchedulePollingInterval = TimeSpan.FromSeconds(2);
                server.ServerCheckInterval = TimeSpan.FromSeconds(30);
                server.ServerTimeout = TimeSpan.FromMinutes(1);
                server.ShutdownTimeout = TimeSpan.FromSeconds(15);
            });
        }
    }

    private static PostgreSqlStorage CreatePostgres(ServerOptions options)
    {
        var storageOptions = new PostgreSqlStorageOptions
        {
            SchemaName = "hangfire",
            PrepareSchemaIfNecessary = true,
            QueuePollInterval = options.QueuePollInterval,
            InvisibilityTimeout = options.QueueInvisibilityTimeout,
            UseSlidingInvisibilityTimeout = true,
            DistributedLockTimeout = TimeSpan.FromSeconds(30),
        };
        return new PostgreSqlStorage(new Hangfire.PostgreSql.Factories.NpgsqlConnectionFactory(options.Database.ConnectionString, storageOptions), storageOptions);
    }

    /// <summary>Redis does not slide its invisibility timeout: a killed worker's job is requeued once the worker's
    /// heartbeat has expired (<c>ServerTimeout</c>), and any job still fetched after the long timeout is requeued.</summary>
    private static RedisStorage CreateRedis(IConnectionMultiplexer redis, ServerOptions options) => new(redis, new RedisStorageOptions
    {
        Prefix = options.QueuePrefix,
        InvisibilityTimeout = options.RedisQueueInvisibilityTimeout,
        FetchTimeout = TimeSpan.FromSeconds(10),
        Db = ConfigurationOptions.Parse(redis.Configuration).DefaultDatabase ?? 0,
    });
}
