using System.Formats.Tar;
using System.IO.Compression;

namespace McpSentinel.Server.Scans;

/// <summary>Unpacks an uploaded zip or tar.gz into a folder: regular files and folders only (links are skipped),
/// every path must stay inside the folder, and the entry count and total size are capped while reading (the
/// sizes an archive declares are not trusted).</summary>
public static class ArchiveExtractor
{
    public static string DetectFormat(ReadOnlySpan<byte> head)
    {
        if (head.Length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) return "zip";
        if (head.Length >= 2 && head[0] == 0x1f && head[1] == 0x8b) return "tar.gz";
        throw new ArchiveException("the upload is neither a zip nor a gzip-compressed tar archive");
    }

    public static void Extract(byte[] archive, string destination, ArchiveLimits limits)
    {
        ArgumentNullException.ThrowIfNull(archive);
        ArgumentNullException.ThrowIfNull(limits);
        Directory.CreateDirectory(destination);
        var root = Path.GetFullPath(destination);
        var budget = new Budget(limits);
        try
        {
            if (DetectFormat(archive) == "zip") ExtractZip(archive, root, budget);
            else ExtractTarGz(archive, root, budget);
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException or EndOfStreamException)
        {
            throw new ArchiveException("the archive is damaged: " + ex.Message, ex);
        }
    }

    private static void ExtractZip(byte[] archive, string root, Budget budget)
    {
        using var zip = new ZipArchive(new MemoryStream(archive), ZipArchiveMode.Read);
        foreach (var entry in zip.Entries)
        {
            budget.CountEntry();
            bool isDirectory = entry.FullName.EndsWith('/') || entry.FullName.EndsWith('\\');
            var target = SafePath(root, entry.FullName);
            if (isDirectory) { Directory.CreateDirectory(target); continue; }
            // Unix symlinks in zips carry S_IFLNK in the high bits of the external attributes
            int unixMode = (entry.ExternalAttributes >> 16) & 0xF000;
            if (unixMode == 0xA000) continue;
            using var input = entry.Open();
            Write(input, target, budget);
        }
    }

    private static void ExtractTarGz(byte[] archive, string root, Budget budget)
    {
        using var gzip = new GZipStream(new MemoryStream(archive), CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        while (tar.GetNextEntry() is { } entry)
        {
            budget.CountEntry();
            switch (entry.EntryType)
            {
                case TarEntryType.Directory:
                    Directory.CreateDirectory(SafePath(root, entry.Name));
                    break;
                case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                    var target = SafePath(root, entry.Name);
                    if (entry.DataStream is null) { Write(Stream.Null, target, budget); break; }
                    Write(entry.DataStream, target, budget);
                    break;
                default:
                    // symbolic and hard links, devices, FIFOs: never created
                    break;
            }
        }
    }

    private static string SafePath(string root, string entryName)
    {
        var name = entryName.Replace('\\', '/');
        if (name.Length == 0 || name.StartsWith('/') || name.Contains('\0', StringComparison.Ordinal) || (name.Length > 1 && name[1] == ':'))
            throw new ArchiveException($"archive entry '{entryName}' has an absolute or invalid path");
        var full = Path.GetFullPath(Path.Combine(root, name));
        if (!full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal) && full != root)
            throw new ArchiveException($"archive entry '{entryName}' points outside the archive");
        return full;
    }

    private static void Write(Stream input, string target, Budget budget)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        using var output = new FileStream(target, FileMode.Create, FileAccess.Write, FileShare.None);
        var buffer = new byte[81920];
        int read;
        while ((read = input.Read(buffer, 0, buffer.Length)) > 0)
        {
            budget.CountBytes(read);
            output.Write(buffer, 0, read);
        }
    }

    private sealed class Budget(ArchiveLimits limits)
    {
        private int _entries;
        private long _bytes;

        public void CountEntry()
        {
            if (++_entries > limits.MaxEntries) throw new ArchiveException($"the archive has more than {limits.MaxEntries} entries");
        }

        public void CountBytes(int n)
        {
            _bytes += n;
            if (_bytes > limits.MaxExtractedBytes) throw new ArchiveException($"the archive expands to more than {limits.MaxExtractedBytes} bytes");
        }
    }
}
