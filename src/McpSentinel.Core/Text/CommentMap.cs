using McpSentinel.Core.Model;

namespace McpSentinel.Core.Text;

/// <summary>
/// The comment and docstring ranges of a source file, found by a small per-language lexer that knows each
/// language's comment and string syntax (so a <c>#</c> or <c>//</c> inside a string is not a comment).
/// Code rules consult it so that a dangerous call written in a comment is not reported.
/// </summary>
public sealed class CommentMap
{
    private readonly int[] _starts;
    private readonly int[] _ends;

    private CommentMap(List<(int Start, int End)> ranges)
    {
        _starts = ranges.Select(r => r.Start).ToArray();
        _ends = ranges.Select(r => r.End).ToArray();
    }

    public int Count => _starts.Length;

    /// <summary>True when <paramref name="offset"/> lies inside a comment or a docstring.</summary>
    public bool IsCommentOrDocstring(int offset)
    {
        int index = Array.BinarySearch(_starts, offset);
        if (index >= 0) return true;
        index = ~index - 1;
        return index >= 0 && offset < _ends[index];
    }

    /// <summary>The text between <paramref name="start"/> and <paramref name="end"/> with every comment and docstring
    /// character replaced by a space (line breaks kept), so that words in comments cannot act as code.</summary>
    public string CodeOnly(string text, int start, int end)
    {
        var chars = text.ToCharArray(start, end - start);
        int index = Array.BinarySearch(_starts, start);
        if (index < 0) index = Math.Max(0, ~index - 1);
        for (; index < _starts.Length && _starts[index] < end; index++)
        {
            for (int k = Math.Max(start, _starts[index]); k < Math.Min(end, _ends[index]); k++)
            {
                if (chars[k - start] != '\n') chars[k - start] = ' ';
            }
        }
        return new string(chars);
    }

    public static CommentMap Build(string text, Language language)
    {
        var ranges = new List<(int, int)>();
        switch (language)
        {
            case Language.Python: LexPython(text, ranges); break;
            case Language.JavaScript:
            case Language.TypeScript: LexCLike(text, ranges, templates: true, csharp: false, regexLiterals: true); break;
            case Language.Go: LexCLike(text, ranges, templates: false, csharp: false, regexLiterals: false, goRaw: true); break;
            case Language.CSharp: LexCLike(text, ranges, templates: false, csharp: true, regexLiterals: false); break;
            case Language.Json: LexCLike(text, ranges, templates: false, csharp: false, regexLiterals: false); break;
            case Language.Shell:
            case Language.Yaml:
            case Language.Toml:
            case Language.Env:
            case Language.Dockerfile: LexHash(text, ranges, language); break;
            default: break;
        }
        return new CommentMap(ranges);
    }

    private static int SkipQuoted(string text, int i, char quote, bool escapes)
    {
        // i points just after the opening quote; returns the index after the closing quote (or end of line).
        while (i < text.Length)
        {
            char c = text[i];
            if (escapes && c == '\\') { i += 2; continue; }
            if (c == quote) return i + 1;
            if (c == '\n') return i;
            i++;
        }
        return text.Length;
    }

    private static void LexPython(string text, List<(int, int)> ranges)
    {
        int i = 0;
        bool lineHasCode = false;
        while (i < text.Length)
        {
            char c = text[i];
            if (c == '\n') { lineHasCode = false; i++; continue; }
            if (c == '#')
            {
                int end = text.IndexOf('\n', i);
                if (end < 0) end = text.Length;
                ranges.Add((i, end));
                i = end;
                continue;
            }
            if (c is '"' or '\'')
            {
                // string prefix letters (r, b, f, u, rb, ...) were consumed as code; look back for them
                bool raw = i > 0 && text[i - 1] is 'r' or 'R';
                int start = i;
                int prefixStart = i;
                while (prefixStart > 0 && char.IsAsciiLetter(text[prefixStart - 1]) && i - prefixStart < 2) prefixStart--;
                bool onlyPrefixBefore = !lineHasCode || LineCodeIsOnly(text, prefixStart);
                if (i + 2 < text.Length && text[i + 1] == c && text[i + 2] == c)
                {
                    string delimiter = new(c, 3);
                    int end = i + 3;
                    while (true)
                    {
                        int found = text.IndexOf(delimiter, end, StringComparison.Ordinal);
                        if (found < 0) { end = text.Length; break; }
                        int backslashes = 0;
                        for (int k = found - 1; k >= end && text[k] == '\\'; k--) backslashes++;
                        if (!raw && backslashes % 2 == 1) { end = found + 1; continue; }
                        end = found + 3;
                        break;
                    }
                    if (onlyPrefixBefore) ranges.Add((start, end));
                    i = end;
                    lineHasCode = true;
                    continue;
                }
                i = SkipQuoted(text, i + 1, c, escapes: !raw);
                lineHasCode = true;
                continue;
            }
            if (!char.IsWhiteSpace(c)) lineHasCode = true;
            i++;
        }
    }

    private static bool LineCodeIsOnly(string text, int prefixStart)
    {
        for (int k = prefixStart - 1; k >= 0 && text[k] != '\n'; k--)
        {
            if (!char.IsWhiteSpace(text[k])) return false;
        }
        return true;
    }

    private static void LexCLike(string text, List<(int, int)> ranges, bool templates, bool csharp, bool regexLiterals, bool goRaw = false)
    {
        int i = 0;
        char previousSignificant = '\0';
        while (i < text.Length)
        {
            char c = text[i];
            if (c == '/' && i + 1 < text.Length && text[i + 1] == '/')
            {
                int end = text.IndexOf('\n', i);
                if (end < 0) end = text.Length;
                ranges.Add((i, end));
                i = end;
                continue;
            }
            if (c == '/' && i + 1 < text.Length && text[i + 1] == '*')
            {
                int end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                end = end < 0 ? text.Length : end + 2;
                ranges.Add((i, end));
                i = end;
                continue;
            }
            if (c == '"' && csharp)
            {
                // raw string literal: three or more quotes
                int quotes = 0;
                while (i + quotes < text.Length && text[i + quotes] == '"') quotes++;
                if (quotes >= 3)
                {
                    string delimiter = new('"', quotes);
                    int end = text.IndexOf(delimiter, i + quotes, StringComparison.Ordinal);
                    i = end < 0 ? text.Length : end + quotes;
                    previousSignificant = '"';
                    continue;
                }
                bool verbatim = (i > 0 && text[i - 1] == '@') || (i > 1 && text[i - 1] == '$' && text[i - 2] == '@');
                if (verbatim)
                {
                    int k = i + 1;
                    while (k < text.Length)
                    {
                        if (text[k] == '"')
                        {
                            if (k + 1 < text.Length && text[k + 1] == '"') { k += 2; continue; }
                            k++;
                            break;
                        }
                        k++;
                    }
                    i = k;
                    previousSignificant = '"';
                    continue;
                }
            }
            if (c is '"' or '\'')
            {
                i = SkipQuoted(text, i + 1, c, escapes: true);
                previousSignificant = c;
                continue;
            }
            if (c == '`' && (templates || goRaw))
            {
                int k = i + 1;
                while (k < text.Length && text[k] != '`')
                {
                    if (templates && text[k] == '\\') k++;
                    k++;
                }
                i = Math.Min(text.Length, k + 1);
                previousSignificant = '`';
                continue;
            }
            if (c == '/' && regexLiterals && previousSignificant is '\0' or '(' or ',' or '=' or ':' or '[' or '!' or '&' or '|' or '?' or '{' or '}' or ';')
            {
                int k = i + 1;
                bool inClass = false;
                while (k < text.Length && text[k] != '\n')
                {
                    char r = text[k];
                    if (r == '\\') { k += 2; continue; }
                    if (r == '[') inClass = true;
                    else if (r == ']') inClass = false;
                    else if (r == '/' && !inClass) break;
                    k++;
                }
                i = Math.Min(text.Length, k + 1);
                previousSignificant = '/';
                continue;
            }
            if (!char.IsWhiteSpace(c)) previousSignificant = c;
            i++;
        }
    }

    private static void LexHash(string text, List<(int, int)> ranges, Language language)
    {
        int i = 0;
        bool atLineStart = true;
        while (i < text.Length)
        {
            char c = text[i];
            if (c == '\n') { atLineStart = true; i++; continue; }
            if (c == '#' && (atLineStart || (i > 0 && char.IsWhiteSpace(text[i - 1])) || language == Language.Toml))
            {
                int end = text.IndexOf('\n', i);
                if (end < 0) end = text.Length;
                ranges.Add((i, end));
                i = end;
                continue;
            }
            if (language != Language.Env && c is '"' or '\'')
            {
                i = SkipQuoted(text, i + 1, c, escapes: c == '"');
                atLineStart = false;
                continue;
            }
            if (!char.IsWhiteSpace(c)) atLineStart = false;
            i++;
        }
    }
}
