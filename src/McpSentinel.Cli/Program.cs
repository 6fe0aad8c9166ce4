using McpSentinel.Cli;

return CliApp.Run(args, CliConsole.FromSystem());
