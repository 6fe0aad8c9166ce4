using System.Text;

namespace McpSentinel.Reporting.Formatting;

/// <summary>HTML text and attribute encoding, and the only way a URL from scanned content becomes a link.</summary>
public static class Html
{
    /// <summary>Encodes text for an HTML element body or a quoted attribute value: &amp; &lt; &gt; " ' become references.</summary>
    public static string Encode(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var sb = new StringBuilder(text.Length + 16);
        foreach (char c in text)
        {
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&#39;"); break;
                case '\0': sb.Append('\uFFFD'); break;
                default: sb.Append(c); break;
            }
        }
        return sb.ToString();
    }

    /// <summary>Only absolute http(s) URLs become links; anything else (javascript:, data:, relative) is shown as text.</summary>
    public static bool IsSafeLink(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    public static string Link(string url, string text) => IsSafeLink(url)
        ? $"<a href=\"{Encode(url)}\" rel=\"noopener noreferrer\">{Encode(text)}</a>"
        : Encode(text);
}
