using System.Formats.Tar;
using System.IO.Compression;
using McpSentinel.Server.Scans;
using McpSentinel.Tests;
using Xunit;

namespace McpSentinel.Server.Tests;

public sealed class ArchiveExtractorTests
{
    private static readonly ArchiveLimits Limits = new(100, 1024 * 1024);

    [Fact]
    public void Extract_TarGzWithLinksAndFiles_FilesOnlyLinksSkipped()
    {
        using var dest = new TempTree();
        var bytes = TarGz(w =>
        {
            w.WriteEntry(new PaxTarEntry(TarEntryType.Directory, "src/"));
            w.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "src/a.py") { DataStream = new MemoryStream("x = 1\n"u8.ToArray()) });
            w.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, "src/passwd") { LinkName = "/etc/passwd" });
            w.WriteEntry(new PaxTarEntry(TarEntryType.HardLink, "src/shadow") { LinkName = "/etc/shadow" });
        });
        ArchiveExtractor.Extract(bytes, dest.Root, Limits);
        Assert.Equal("x = 1\n", File.ReadAllText(dest.PathOf("src/a.py")));
        Assert.False(File.Exists(dest.PathOf("src/passwd")) || Directory.Exists(dest.PathOf("src/passwd")));
        Assert.False(File.Exists(dest.PathOf("src/shadow")));
    }

    [Theory]
    [InlineData("../escape.py")]
    [InlineData("src/../../escape.py")]
    [InlineData("/abs/escape.py")]
    public void Extract_EntryOutsideTheFolder_Refused(string name)
    {
        using var dest = new TempTree();
        var bytes = TarGz(w => w.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream("x"u8.ToArray()) }));
        Assert.Throws<ArchiveException>(() => ArchiveExtractor.Extract(bytes, dest.Root, Limits));
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(dest.Root)!, "escape.py")));
    }

    [Fact]
    public void Extract_ZipBombBeyondTheByteBudget_Refused()
    {
        using var dest = new TempTree();
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var s = zip.CreateEntry("zeros.bin", CompressionLevel.SmallestSize).Open();
            s.Write(new byte[4 * 1024 * 1024]);
        }
        Assert.True(ms.Length < 64 * 1024);
        var ex = Assert.Throws<ArchiveException>(() => ArchiveExtractor.Extract(ms.ToArray(), dest.Root, Limits));
        Assert.Contains("expands", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_DamagedGzip_ClearError()
    {
        using var dest = new TempTree();
        var bytes = TarGz(w => w.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "a.py") { DataStream = new MemoryStream(new byte[5000]) }));
        var damaged = bytes.Take(bytes.Length / 2).ToArray();
        Assert.Throws<ArchiveException>(() => ArchiveExtractor.Extract(damaged, dest.Root, Limits));
    }

    private static byte[] TarGz(Action<TarWriter> write)
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gz, TarEntryFormat.Pax, leaveOpen: true))
            write(tar);
        return ms.ToArray();
    }
}
