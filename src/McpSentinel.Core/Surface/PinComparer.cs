using McpSentinel.Core.Model;
using McpSentinel.Core.Rules;

namespace McpSentinel.Core.Surface;

/// <summary>Compares the scanned surfaces with a lock file and reports each change with a severity by meaning:
/// a new tool, a new parameter, new imperative/concealment wording or a changed launcher/URL is high; a whitespace-only
/// text change is info.</summary>
public static class PinComparer
{
    public static IEnumerable<Finding> Compare(SurfaceLock lockFile, IReadOnlyList<ServerSurface> servers, SurfaceEngine engine)
    {
        var findings = new List<Finding>();
        foreach (var server in servers)
        {
            var root = SurfaceStrings.ServerPath(server);
            if (!lockFile.Servers.TryGetValue(server.Name, out var old))
            {
                findings.Add(SurfaceFindings.Create(SurfaceRules.PinUnpinnedServer, root, $"server '{server.Name}' is not in the lock file", server.Launcher.Display));
                continue;
            }
            var now = ServerPin.Of(server, engine);
            if (now.Surface == old.Surface && now.Launcher == old.Launcher) continue;
            if (now.Launcher != old.Launcher)
            {
                findings.Add(SurfaceFindings.Create(SurfaceRules.PinLauncherChanged, root + "/launcher",
                    $"launcher changed from '{old.LauncherDisplay}' to '{now.LauncherDisplay}'", now.LauncherDisplay ?? ""));
            }
            CompareText(findings, root + "/instructions", "instructions", old.Instructions, now.Instructions, server.Instructions);

            foreach (var (name, pin) in now.Tools)
            {
                var path = SurfaceStrings.ToolPath(server, name);
                var tool = server.Tools.First(t => t.Name == name);
                if (!old.Tools.TryGetValue(name, out var before))
                {
                    findings.Add(SurfaceFindings.Create(SurfaceRules.PinNewItem, path, $"new tool '{name}' since the surface was pinned", tool.Description ?? name));
                    continue;
                }
                if (before.Hash == pin.Hash) continue;
                var added = pin.Parameters.Except(before.Parameters).ToArray();
                var removed = before.Parameters.Except(pin.Parameters).ToArray();
                if (added.Length > 0)
                {
                    findings.Add(SurfaceFindings.Create(SurfaceRules.PinSchemaChanged, path + "/inputSchema", $"tool '{name}' has new parameter(s): {string.Join(", ", added)}", string.Join(", ", pin.Parameters), Severity.High));
                }
                else if (before.Schema != pin.Schema)
                {
                    findings.Add(SurfaceFindings.Create(SurfaceRules.PinSchemaChanged, path + "/inputSchema",
                        removed.Length > 0 ? $"tool '{name}' lost parameter(s): {string.Join(", ", removed)}" : $"the input/output schema of tool '{name}' changed", string.Join(", ", pin.Parameters)));
                }
                if (before.Annotations != pin.Annotations)
                {
                    findings.Add(SurfaceFindings.Create(SurfaceRules.PinSchemaChanged, path + "/annotations", $"the annotations of tool '{name}' changed",
                        tool.Annotations is { } a ? $"readOnlyHint={a.ReadOnlyHint} destructiveHint={a.DestructiveHint} idempotentHint={a.IdempotentHint} openWorldHint={a.OpenWorldHint}" : "(none)",
                        tool.Annotations?.ReadOnlyHint == true ? Severity.High : Severity.Medium));
                }
                CompareText(findings, path + "/description", $"description of tool '{name}'", before, pin, tool.Description);
            }
            foreach (var name in old.Tools.Keys.Except(now.Tools.Keys))
            {
                findings.Add(SurfaceFindings.Create(SurfaceRules.PinItemRemoved, SurfaceStrings.ToolPath(server, name), $"tool '{name}' is no longer advertised", name));
            }
            CompareItems(findings, $"{root}/prompt:", "prompt", old.Prompts, now.Prompts, name => server.Prompts.First(p => p.Name == name).Description, Severity.Medium);
            CompareItems(findings, $"{root}/resource:", "resource", old.Resources, now.Resources, uri => server.Resources.First(r => r.Uri == uri).Description, null);
            CompareItems(findings, $"{root}/resourceTemplate:", "resource template", old.ResourceTemplates, now.ResourceTemplates, t => server.ResourceTemplates.First(r => r.UriTemplate == t).Description, null);
        }
        return findings;
    }

    private static void CompareItems(List<Finding> findings, string prefix, string kind, IDictionary<string, ItemPin> old, IDictionary<string, ItemPin> now,
        Func<string, string?> description, Severity? newSeverity)
    {
        foreach (var (key, pin) in now)
        {
            if (!old.TryGetValue(key, out var before))
            {
                // a new resource URL is high (it is where data is read from or sent to); a new prompt is medium
                var severity = newSeverity ?? (key.Contains("://", StringComparison.Ordinal) && !key.StartsWith("file:", StringComparison.Ordinal) ? Severity.High : Severity.Medium);
                findings.Add(SurfaceFindings.Create(SurfaceRules.PinNewItem, prefix + key, $"new {kind} '{key}' since the surface was pinned", description(key) ?? key, severity));
                continue;
            }
            if (before.Hash == pin.Hash) continue;
            var added = pin.Parameters.Except(before.Parameters).ToArray();
            if (added.Length > 0)
            {
                findings.Add(SurfaceFindings.Create(SurfaceRules.PinSchemaChanged, prefix + key, $"{kind} '{key}' has new argument(s): {string.Join(", ", added)}", string.Join(", ", pin.Parameters), Severity.High));
            }
            if (!CompareText(findings, prefix + key + "/description", $"description of {kind} '{key}'", before, pin, description(key)) && added.Length == 0)
            {
                findings.Add(SurfaceFindings.Create(SurfaceRules.PinSchemaChanged, prefix + key, $"{kind} '{key}' changed (name, MIME type or arguments)", key));
            }
        }
        foreach (var key in old.Keys.Except(now.Keys))
        {
            findings.Add(SurfaceFindings.Create(SurfaceRules.PinItemRemoved, prefix + key, $"{kind} '{key}' is no longer advertised", key));
        }
    }

    /// <summary>Reports a text change; true when the text differs.</summary>
    private static bool CompareText(List<Finding> findings, string path, string what, ItemPin? before, ItemPin? now, string? text)
    {
        if (before?.Text == now?.Text) return false;
        if (before is null || now is null)
        {
            findings.Add(SurfaceFindings.Create(SurfaceRules.PinTextChanged, path, before is null ? $"{what} was added" : $"{what} was removed", text ?? "",
                now is not null && now.Wording.Count > 0 ? Severity.High : Severity.Medium));
            return true;
        }
        if (before.NormalizedText == now.NormalizedText)
        {
            findings.Add(SurfaceFindings.Create(SurfaceRules.PinTextChanged, path, $"{what} changed in whitespace only", text ?? "", Severity.Info));
            return true;
        }
        var newWording = now.Wording.Except(before.Wording).ToArray();
        findings.Add(newWording.Length > 0
            ? SurfaceFindings.Create(SurfaceRules.PinTextChanged, path, $"{what} changed and now contains imperative/concealment wording ({string.Join(", ", newWording)})", text ?? "", Severity.High)
            : SurfaceFindings.Create(SurfaceRules.PinTextChanged, path, $"{what} changed", text ?? ""));
        return true;
    }
}
