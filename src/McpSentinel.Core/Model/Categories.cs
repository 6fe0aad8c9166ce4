using System.Collections.Frozen;

namespace McpSentinel.Core.Model;

/// <summary>The fixed category vocabulary of the public contract.</summary>
public static class Categories
{
    public const string HardcodedSecret = "hardcoded-secret";
    public const string CommandInjection = "command-injection";
    public const string CodeInjection = "code-injection";
    public const string PathTraversal = "path-traversal";
    public const string Ssrf = "ssrf";
    public const string SqlInjection = "sql-injection";
    public const string UnsafeDeserialization = "unsafe-deserialization";
    public const string Xss = "xss";
    public const string WeakCrypto = "weak-crypto";
    public const string ToolPoisoning = "tool-poisoning";
    public const string PromptInjection = "prompt-injection";
    public const string SensitiveFileAccess = "sensitive-file-access";
    public const string CredentialExposure = "credential-exposure";
    public const string InsecureConfig = "insecure-config";
    public const string RugPull = "rug-pull";
    public const string ToolShadowing = "tool-shadowing";
    public const string ToxicFlow = "toxic-flow";
    public const string SupplyChain = "supply-chain";
    public const string Other = "other";

    public static readonly FrozenSet<string> All = new[]
    {
        HardcodedSecret, CommandInjection, CodeInjection, PathTraversal, Ssrf, SqlInjection,
        UnsafeDeserialization, Xss, WeakCrypto, ToolPoisoning, PromptInjection, SensitiveFileAccess,
        CredentialExposure, InsecureConfig, RugPull, ToolShadowing, ToxicFlow, SupplyChain, Other,
    }.ToFrozenSet(StringComparer.Ordinal);

    public static bool IsKnown(string category) => All.Contains(category);
}
