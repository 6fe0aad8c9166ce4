namespace McpSentinel.Core.Model;

/// <summary>The file kinds the scanner understands. <see cref="Text"/> is any other readable text file.</summary>
public enum Language
{
    Text = 0,
    Python,
    JavaScript,
    TypeScript,
    Go,
    CSharp,
    Shell,
    Json,
    Yaml,
    Toml,
    Env,
    Dockerfile,
}
