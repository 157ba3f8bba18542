using System.Runtime.InteropServices;

namespace CloudFilm.Archive.Blobs;

/// <summary>The three libc calls .NET lacks for syncing a folder (Linux).</summary>
internal static partial class NativeMethods
{
    public const int O_RDONLY = 0;
    public const int O_DIRECTORY = 0x10000;

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int open(string path, int flags);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int fsync(int fd);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int close(int fd);
}
