using System.Text;
using McpSentinel.Core.Model;
using McpSentinel.Core.Scanning;

namespace McpSentinel.Core.Discovery;

/// <summary>Reads a discovered file into a <see cref="SourceFile"/>, or says why it was skipped. Handles BOMs,
/// UTF-16, invalid UTF-8 (decoded with replacement characters, noted), binary content (NUL bytes), oversized
/// files and minified bundles.</summary>
public static class FileReader
{
    private const int BinaryProbeLength = 8192;
    private const int MinifiedAverageLineLength = 1000;

    public static ReadOutcome Read(DiscoveredFile file, long maxFileSize)
    {
        if (file.Length > maxFileSize)
        {
            return ReadOutcome.Skip(new ScanDiagnostic(file.RelativePath,
                $"skipped: {file.Length:N0} bytes is over the {maxFileSize:N0}-byte limit (raise it with --max-file-size)", Incomplete: false));
        }
        byte[] bytes;
        try
        {
            using var stream = new FileStream(file.FullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
            long length = stream.Length;
            if (length > maxFileSize)
            {
                return ReadOutcome.Skip(new ScanDiagnostic(file.RelativePath,
                    $"skipped: {length:N0} bytes is over the {maxFileSize:N0}-byte limit (raise it with --max-file-size)", Incomplete: false));
            }
            bytes = new byte[length];
            stream.ReadExactly(bytes);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            return ReadOutcome.Skip(new ScanDiagnostic(file.RelativePath, "cannot read file: " + ex.Message, Incomplete: true));
        }
        return Decode(file.RelativePath, file.Language, bytes);
    }

    public static ReadOutcome Decode(string relativePath, Language? language, byte[] bytes)
    {
        ReadOnlySpan<byte> span = bytes;
        string text;
        ScanDiagnostic? note = null;
        if (span.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || span.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            var encoding = span[0] == 0xFF ? Encoding.Unicode : Encoding.BigEndianUnicode;
            text = encoding.GetString(bytes, 2, bytes.Length - 2);
        }
        else
        {
            var probe = span[..Math.Min(span.Length, BinaryProbeLength)];
            if (probe.IndexOf((byte)0) >= 0)
            {
                return ReadOutcome.Skip(new ScanDiagnostic(relativePath, "skipped: binary file", Incomplete: false));
            }
            int offset = span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
            var body = span[offset..];
            if (!System.Text.Unicode.Utf8.IsValid(body))
            {
                note = new ScanDiagnostic(relativePath, "file is not valid UTF-8; invalid bytes were replaced and the rest was scanned", Incomplete: false);
            }
            text = Encoding.UTF8.GetString(body);
        }

        var detected = language ?? LanguageDetector.FromShebang(span[..Math.Min(span.Length, 256)]);
        if (detected is null)
        {
            return ReadOutcome.Skip(null); // extension-less file without a shebang: not a source file we know
        }
        if (detected is Language.JavaScript or Language.TypeScript && IsMinified(text))
        {
            return ReadOutcome.Skip(new ScanDiagnostic(relativePath, "skipped: minified or generated bundle", Incomplete: false));
        }
        return new ReadOutcome(new SourceFile(relativePath, detected.Value, text), note);
    }

    private static bool IsMinified(string text)
    {
        if (text.Length < 4096) return false;
        int lines = 1;
        foreach (var c in text) if (c == '\n') lines++;
        return text.Length / lines > MinifiedAverageLineLength;
    }
}

/// <summary>The result of reading one file: the file, or a skip with its reason; <see cref="Diagnostic"/> may accompany either.</summary>
public sealed record ReadOutcome(SourceFile? File, ScanDiagnostic? Diagnostic)
{
    public static ReadOutcome Skip(ScanDiagnostic? reason) => new(null, reason);
}
