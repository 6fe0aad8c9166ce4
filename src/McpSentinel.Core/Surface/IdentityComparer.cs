using McpSentinel.Core.Model;

namespace McpSentinel.Core.Surface;

/// <summary>
/// Compares the surfaces one server showed to several client identities (<c>--identities</c>) and reports, as MCP-PIN-007,
/// every identity that was shown something different from the first identity: tools, prompts, resources and templates
/// added, removed or changed (description, schema or annotations), and changed instructions. A server that answers every
/// client the same gives nothing. Item hashes are the canonical ones of the lock file, so key order and the like do not count.
/// </summary>
public static class IdentityComparer
{
    private const int MaxNames = 8;

    public static IEnumerable<Finding> Compare(string server, IReadOnlyList<IdentityView> views, SurfaceEngine engine)
    {
        if (views.Count < 2) yield break;
        var baseline = views[0];
        var basePin = ServerPin.Of(baseline.Surface, engine);
        foreach (var view in views.Skip(1))
        {
            var pin = ServerPin.Of(view.Surface, engine);
            var parts = new List<string>();
            bool added = false;
            foreach (var (kind, a, b) in new[]
            {
                ("tool", basePin.Tools, pin.Tools), ("prompt", basePin.Prompts, pin.Prompts),
                ("resource", basePin.Resources, pin.Resources), ("resource template", basePin.ResourceTemplates, pin.ResourceTemplates),
            })
            {
                var onlyB = b.Keys.Where(k => !a.ContainsKey(k)).ToList();
                var onlyA = a.Keys.Where(k => !b.ContainsKey(k)).ToList();
                var changed = a.Keys.Where(k => b.TryGetValue(k, out var other) && other.Hash != a[k].Hash).ToList();
                if (onlyB.Count > 0) parts.Add($"{kind}(s) only '{view.Identity}' sees: {Names(onlyB)}");
                if (onlyA.Count > 0) parts.Add($"{kind}(s) only '{baseline.Identity}' sees: {Names(onlyA)}");
                if (changed.Count > 0) parts.Add($"{kind}(s) that differ: {Names(changed)}");
                added |= onlyB.Count > 0 || (kind == "tool" && changed.Count > 0);
            }
            if (basePin.Instructions?.Hash != pin.Instructions?.Hash) parts.Add("the instructions differ");
            if (parts.Count == 0) continue;
            var message = $"server '{server}' shows client '{view.Identity}' a different surface than client '{baseline.Identity}': {string.Join("; ", parts)}";
            var finding = SurfaceFindings.Create(SurfaceRules.PinIdentityDifference, $"server:{server}", message,
                $"{baseline.Identity} vs {view.Identity}: " + string.Join("; ", parts), added ? Severity.High : Severity.Medium);
            yield return finding with { Message = SurfaceFindings.Clip(message.Length > 1000 ? message[..1000] + "…" : message) };
        }
    }

    private static string Names(List<string> names) =>
        string.Join(", ", names.Take(MaxNames)) + (names.Count > MaxNames ? $" and {names.Count - MaxNames} more" : "");
}
