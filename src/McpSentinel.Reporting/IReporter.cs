using McpSentinel.Core.Model;

namespace McpSentinel.Reporting;

/// <summary>Turns one <see cref="ScanResult"/> into bytes of one format.</summary>
public interface IReporter
{
    /// <summary>The <c>--format</c> word.</summary>
    string Format { get; }

    /// <summary>The usual file extension, with the dot.</summary>
    string Extension { get; }

    void Write(ScanResult result, Stream output);
}
