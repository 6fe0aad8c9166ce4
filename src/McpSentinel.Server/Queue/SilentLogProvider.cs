using Hangfire.Logging;

namespace McpSentinel.Server.Queue;

/// <summary>Hangfire's log provider is process-wide; where console logs are off (tests running many servers one after
/// another in one process) this one keeps Hangfire from logging through a disposed logger factory.</summary>
public sealed class SilentLogProvider : ILogProvider
{
    public ILog GetLogger(string name) => SilentLog.Instance;

    private sealed class SilentLog : ILog
    {
        public static readonly SilentLog Instance = new();
        public bool Log(LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
    }
}
