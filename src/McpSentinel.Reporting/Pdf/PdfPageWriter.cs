using System.Text;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace McpSentinel.Reporting.Pdf;

/// <summary>A top-to-bottom writer over A4 pages: wrapped paragraphs, monospace blocks, tables whose header repeats on
/// every page, and page breaks when the next block does not fit. Text is real (selectable) text in embedded DejaVu fonts.</summary>
internal sealed class PdfPageWriter : IDisposable
{
    public const double Margin = 50;
    private const int MaxCellLines = 40;
    private readonly PdfDocument _doc;
    private XGraphics? _gfx;

    public PdfPageWriter(PdfDocument doc)
    {
        _doc = doc;
        var options = new XPdfFontOptions(PdfFontEncoding.Unicode);
        Body = new XFont(DejaVuFontResolver.Sans, 9.5, XFontStyleEx.Regular, options);
        Bold = new XFont(DejaVuFontResolver.Sans, 9.5, XFontStyleEx.Bold, options);
        Small = new XFont(DejaVuFontResolver.Sans, 8, XFontStyleEx.Regular, options);
        SmallBold = new XFont(DejaVuFontResolver.Sans, 8, XFontStyleEx.Bold, options);
        Mono = new XFont(DejaVuFontResolver.Mono, 8, XFontStyleEx.Regular, options);
        H1 = new XFont(DejaVuFontResolver.Sans, 18, XFontStyleEx.Bold, options);
        H2 = new XFont(DejaVuFontResolver.Sans, 13, XFontStyleEx.Bold, options);
        Title = new XFont(DejaVuFontResolver.Sans, 28, XFontStyleEx.Bold, options);
    }

    public XFont Body { get; }
    public XFont Bold { get; }
    public XFont Small { get; }
    public XFont SmallBold { get; }
    public XFont Mono { get; }
    public XFont H1 { get; }
    public XFont H2 { get; }
    public XFont Title { get; }

    public double Y { get; set; }
    public PdfPage Page { get; private set; } = null!;
    public XGraphics Gfx => _gfx ?? throw new InvalidOperationException("no page");
    public double Width => Page.Width.Point - 2 * Margin;
    public double Bottom => Page.Height.Point - Margin - 14;

    /// <summary>Called after each new page with the writer positioned at the top margin (e.g. to repeat a table header).</summary>
    public Action? OnNewPage { get; set; }

    public void NewPage()
    {
        _gfx?.Dispose();
        Page = _doc.AddPage();
        Page.Size = PdfSharp.PageSize.A4;
        _gfx = XGraphics.FromPdfPage(Page);
        Y = Margin;
        OnNewPage?.Invoke();
    }

    /// <summary>Starts a new page unless <paramref name="height"/> points still fit on this one.</summary>
    public void Need(double height)
    {
        if (_gfx is null || Y + height > Bottom) NewPage();
    }

    public void Space(double points) => Y += points;

    public void Heading(string text, XFont font)
    {
        Need(font.Size * 3);
        Gfx.DrawString(Clean(text), font, XBrushes.Black, new XRect(Margin, Y, Width, font.Size * 1.4), XStringFormats.TopLeft);
        Y += font.Size * 1.6;
    }

    /// <summary>Writes wrapped text at <paramref name="indent"/>; breaks pages between lines.</summary>
    public void Paragraph(string text, XFont font, XBrush? brush = null, double indent = 0, double after = 4)
    {
        double lineHeight = font.Size * 1.35;
        foreach (var line in Wrap(text, font, Width - indent))
        {
            Need(lineHeight);
            Gfx.DrawString(line, font, brush ?? XBrushes.Black, new XRect(Margin + indent, Y, Width - indent, lineHeight), XStringFormats.TopLeft);
            Y += lineHeight;
        }
        Y += after;
    }

    /// <summary>A monospace block on a light background (evidence, trace snippets).</summary>
    public void CodeBlock(string text, double indent = 0, bool highlight = false)
    {
        double lineHeight = Mono.Size * 1.4;
        foreach (var line in Wrap(text, Mono, Width - indent - 8))
        {
            Need(lineHeight);
            Gfx.DrawRectangle(highlight ? new XSolidBrush(XColor.FromArgb(254, 226, 226)) : new XSolidBrush(XColor.FromArgb(243, 244, 246)), Margin + indent, Y, Width - indent, lineHeight);
            Gfx.DrawString(line, Mono, XBrushes.Black, new XRect(Margin + indent + 4, Y + 1, Width - indent - 8, lineHeight), XStringFormats.TopLeft);
            Y += lineHeight;
        }
        Y += 4;
    }

    /// <summary>A table: the header row is drawn again at the top of every page the table continues on.</summary>
    public void Table(IReadOnlyList<string> headers, IReadOnlyList<double> widths, IEnumerable<IReadOnlyList<string>> rows)
    {
        const double pad = 3;
        var scale = Width / widths.Sum();
        var w = widths.Select(x => x * scale).ToArray();
        void Header()
        {
            double h = SmallBold.Size * 1.35 + 2 * pad;
            Gfx.DrawRectangle(new XSolidBrush(XColor.FromArgb(229, 231, 235)), Margin, Y, Width, h);
            double x = Margin;
            for (int i = 0; i < headers.Count; i++)
            {
                Gfx.DrawString(Clean(headers[i]), SmallBold, XBrushes.Black, new XRect(x + pad, Y + pad, w[i] - 2 * pad, h), XStringFormats.TopLeft);
                x += w[i];
            }
            Y += h;
        }
        var previous = OnNewPage;
        OnNewPage = () => { previous?.Invoke(); Header(); };
        Need(40);
        Header();
        double lineHeight = Small.Size * 1.35;
        foreach (var row in rows)
        {
            // a row never outgrows a page: a cell keeps at most MaxCellLines lines
            var cells = row.Select((c, i) => Wrap(c, Small, w[i] - 2 * pad).ToList()).Select(c => c.Count <= MaxCellLines ? c : [.. c.Take(MaxCellLines - 1), "…"]).ToList();
            double h = cells.Max(c => Math.Max(1, c.Count)) * lineHeight + 2 * pad;
            Need(h);
            double x = Margin;
            for (int i = 0; i < cells.Count; i++)
            {
                double y = Y + pad;
                foreach (var line in cells[i])
                {
                    Gfx.DrawString(line, Small, XBrushes.Black, new XRect(x + pad, y, w[i] - 2 * pad, lineHeight), XStringFormats.TopLeft);
                    y += lineHeight;
                }
                x += w[i];
            }
            Y += h;
            Gfx.DrawLine(new XPen(XColor.FromArgb(229, 231, 235), 0.5), Margin, Y, Margin + Width, Y);
        }
        OnNewPage = previous;
        Y += 8;
    }

    /// <summary>Splits text into lines that fit <paramref name="width"/>: at spaces, and inside words that are too long alone.</summary>
    public IEnumerable<string> Wrap(string text, XFont font, double width)
    {
        foreach (var paragraph in Clean(text).Split('\n'))
        {
            var line = new StringBuilder();
            foreach (var word in paragraph.Split(' '))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (Gfx.MeasureString(candidate, font).Width <= width)
                {
                    line.Clear().Append(candidate);
                    continue;
                }
                if (line.Length > 0)
                {
                    yield return line.ToString();
                    line.Clear();
                }
                var rest = word;
                while (rest.Length > 0 && Gfx.MeasureString(rest, font).Width > width)
                {
                    int lo = 1, hi = rest.Length - 1; // the longest prefix that fits (at least one character)
                    while (lo < hi)
                    {
                        int mid = (lo + hi + 1) / 2;
                        if (Gfx.MeasureString(rest[..mid], font).Width <= width) lo = mid;
                        else hi = mid - 1;
                    }
                    int n = lo > 1 && char.IsHighSurrogate(rest[lo - 1]) ? lo - 1 : lo;
                    if (char.IsHighSurrogate(rest[n - 1]) && n < rest.Length) n++;
                    yield return rest[..n];
                    rest = rest[n..];
                }
                line.Append(rest);
            }
            yield return line.ToString();
        }
    }

    /// <summary>Tabs become spaces; other control characters and lone surrogates become U+FFFD.</summary>
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var sb = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '\t') sb.Append("    ");
            else if (c == '\r') continue;
            else if (c == '\n') sb.Append('\n');
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { sb.Append(c).Append(text[++i]); }
            else if (char.IsControl(c) || char.IsSurrogate(c)) sb.Append('\uFFFD');
            else sb.Append(c);
        }
        return sb.ToString();
    }

    public void Dispose() => _gfx?.Dispose();
}
