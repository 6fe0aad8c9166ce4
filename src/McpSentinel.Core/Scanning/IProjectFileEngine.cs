namespace McpSentinel.Core.Scanning;

/// <summary>An engine that may look at other files of the same project while analysing one file (the semantic engine
/// follows calls into project-local imports). The files come through <see cref="ProjectFiles"/>, so the engine itself
/// still does no I/O.</summary>
public interface IProjectFileEngine : IFileEngine
{
    FileAnalysis Analyze(SourceFile file, ProjectFiles project, CancellationToken cancellationToken);
}
