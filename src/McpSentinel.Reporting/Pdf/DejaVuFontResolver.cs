using System.Reflection;
using PdfSharp.Fonts;

namespace McpSentinel.Reporting.Pdf;

/// <summary>Resolves every font request to the DejaVu TTFs embedded in this assembly (Bitstream Vera license: free to
/// redistribute), so PDF rendering needs no system fonts. Families: <see cref="Sans"/> (regular, bold) and <see cref="Mono"/>.</summary>
public sealed class DejaVuFontResolver : IFontResolver
{
    public const string Sans = "DejaVu Sans";
    public const string Mono = "DejaVu Sans Mono";

    public static DejaVuFontResolver Instance { get; } = new();

    private static readonly Lock Gate = new();

    private DejaVuFontResolver() { }

    /// <summary>Installs the resolver once per process (PDFsharp allows one global resolver, set before any font use).</summary>
    public static void EnsureInstalled()
    {
        lock (Gate)
        {
            if (!ReferenceEquals(GlobalFontSettings.FontResolver, Instance)) GlobalFontSettings.FontResolver = Instance;
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool isBold, bool isItalic)
    {
        bool mono = familyName.Contains("Mono", StringComparison.OrdinalIgnoreCase) || familyName.Contains("Courier", StringComparison.OrdinalIgnoreCase);
        if (mono) return new FontResolverInfo("DejaVuSansMono", isBold, isItalic);
        return isBold ? new FontResolverInfo("DejaVuSans-Bold", false, isItalic) : new FontResolverInfo("DejaVuSans", false, isItalic);
    }

    public byte[]? GetFont(string faceName)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("McpSentinel.Reporting.Fonts." + faceName + ".ttf");
        if (stream is null) return null;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
