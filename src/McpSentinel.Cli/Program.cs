using McpSentinel.Cli;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true; // let the scan stop cleanly and report exit code 3
    cancel.Cancel();
};
return CliApp.Run(args, CliConsole.FromSystem() with { Cancellation = cancel.Token });
