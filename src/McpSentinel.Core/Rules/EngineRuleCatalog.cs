namespace McpSentinel.Core.Rules;

/// <summary>
/// The built-in engine rules that live in Core: the config engine's MCP-CONF-*, the surface detectors' MCP-SURF-*, the pin
/// comparison's MCP-PIN-* and the deps engine's MCP-DEP-*. Hosts add the rules of engines outside Core (the semantic
/// engine's MCP-TAINT-*) when they build a rule set, so that <c>disable-rules</c>, <c>severity-overrides</c> and
/// <c>rules list</c> know every id a scan can report.
/// </summary>
public static class EngineRuleCatalog
{
    public static readonly IReadOnlyList<EngineRule> Core =
    [
        .. Configs.ConfigRules.All.Select(r => new EngineRule(Configs.ConfigEngine.EngineName, r)),
        .. Surface.SurfaceRules.All.Select(r => new EngineRule(Surface.SurfaceEngine.EngineName, r)),
        .. Deps.DepsEngine.Rules.Select(r => new EngineRule(Deps.DepsEngine.EngineName, r)),
    ];
}
