using Tomlyn.Model;
using Tomlyn.Serialization;

namespace McpSentinel.Core.Text;

/// <summary>Source-generated TOML context for the untyped document model, so that reading TOML (client configs,
/// <c>pyproject.toml</c>, lock files) needs no reflection and stays Native-AOT safe.</summary>
[TomlSerializable(typeof(TomlTable))]
internal sealed partial class TomlModelContext : TomlSerializerContext;
