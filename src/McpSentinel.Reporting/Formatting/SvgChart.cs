using System.Globalization;
using System.Text;

namespace McpSentinel.Reporting.Formatting;

/// <summary>Horizontal bar charts as inline SVG, drawn by hand: no script, no external resource; labels are encoded.</summary>
public static class SvgChart
{
    public sealed record Bar(string Label, int Value, string Color);

    public static string Bars(string title, IReadOnlyList<Bar> bars, int width = 340)
    {
        const int rowHeight = 22, top = 6, labelWidth = 124, valueWidth = 36;
        int height = top * 2 + Math.Max(1, bars.Count) * rowHeight;
        int max = Math.Max(1, bars.Count == 0 ? 1 : bars.Max(b => b.Value));
        int barSpace = width - labelWidth - valueWidth;
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<figure class=\"chart\"><figcaption>{Html.Encode(title)}</figcaption>");
        sb.Append(CultureInfo.InvariantCulture, $"<svg role=\"img\" aria-label=\"{Html.Encode(title)}\" viewBox=\"0 0 {width} {height}\" width=\"100%\" xmlns=\"http://www.w3.org/2000/svg\">");
        if (bars.Count == 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"4\" y=\"{top + 16}\" class=\"lbl\">no findings</text>");
        }
        for (int i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            int y = top + i * rowHeight;
            int w = bar.Value == 0 ? 0 : Math.Max(2, (int)Math.Round(barSpace * (double)bar.Value / max));
            string label = bar.Label.Length > 19 ? "…" + bar.Label[^18..] : bar.Label;
            sb.Append(CultureInfo.InvariantCulture, $"<g><title>{Html.Encode(bar.Label)}: {bar.Value}</title>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{labelWidth - 6}\" y=\"{y + 15}\" text-anchor=\"end\" class=\"lbl\">{Html.Encode(label)}</text>");
            sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"{labelWidth}\" y=\"{y + 4}\" width=\"{w}\" height=\"{rowHeight - 8}\" rx=\"3\" fill=\"{Html.Encode(bar.Color)}\"/>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{labelWidth + w + 6}\" y=\"{y + 15}\" class=\"val\">{bar.Value}</text></g>");
        }
        sb.Append("</svg></figure>");
        return sb.ToString();
    }

    /// <summary>A 0-100 gauge: a track and a filled arc-free bar, coloured by band.</summary>
    public static string Score(int score)
    {
        string color = score >= 70 ? "#b91c1c" : score >= 40 ? "#d97706" : score > 0 ? "#2563eb" : "#15803d";
        int w = (int)Math.Round(2.8 * Math.Clamp(score, 0, 100));
        return string.Create(CultureInfo.InvariantCulture,
            $"<svg role=\"img\" aria-label=\"Risk score {score} out of 100\" viewBox=\"0 0 300 64\" width=\"300\" height=\"64\" xmlns=\"http://www.w3.org/2000/svg\">" +
            $"<text x=\"10\" y=\"34\" class=\"score\" fill=\"{color}\">{score}</text><text x=\"{(score >= 100 ? 84 : score >= 10 ? 66 : 40)}\" y=\"34\" class=\"lbl\">/ 100</text>" +
            $"<rect x=\"10\" y=\"46\" width=\"280\" height=\"10\" rx=\"5\" fill=\"#e5e7eb\"/><rect x=\"10\" y=\"46\" width=\"{w}\" height=\"10\" rx=\"5\" fill=\"{color}\"/></svg>");
    }
}
