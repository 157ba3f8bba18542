using System.Runtime.InteropServices;

namespace CloudFilm.Archive.Blobs;

/// <summary>
/// The filesystem blob store: one Part 10 file per instance at a key derived from the UIDs only
/// ("{study uid}/{sop instance uid}.dcm", with a two-level fan-out), never from names. Objects are written to a
/// temporary file, fsync'ed, renamed into place and the folder fsync'ed, so after a crash an object is either
/// whole or absent, and an object that was acknowledged is on disk.
/// </summary>
public sealed class BlobStore
{
    private const string IncomingFolder = ".incoming";

    // Renames onto a key and the check-then-rename of a guarded replacement are serialised per key (striped), so a
    // replacement never lands on a newer copy that arrived meanwhile in this process.
    private readonly object[] _keyLocks = [.. Enumerable.Range(0, 64).Select(_ => new object())];

    public BlobStore(string root)
    {
        Root = Path.GetFullPath(root);
    }

    public string Root { get; }

    /// <summary>The key of an instance. UIDs are digits and dots (checked by <see cref="IsSafeUid"/>).</summary>
    public static string KeyOf(string studyInstanceUid, string sopInstanceUid)
    {
        var fan = Convert.ToHexStringLower(BitConverter.GetBytes(StableHash(studyInstanceUid)))[..4];
        return $"{fan[..2]}/{fan[2..]}/{studyInstanceUid}/{sopInstanceUid}.dcm";
    }

    /// <summary>True for a UID that can be part of a path: 1-64 characters, digits and dots, not starting with a dot.</summary>
    public static bool IsSafeUid(string uid) =>
        uid.Length is > 0 and <= 64 && uid.AsSpan().IndexOfAnyExcept("0123456789.") < 0 && uid[0] != '.' && !uid.Contains("..", StringComparison.Ordinal);

    public string PathOf(string key) => Path.Combine(Root, key);

    public bool Exists(string key) => File.Exists(PathOf(key));

    /// <summary>A new temporary file on the same filesystem as the objects, to be committed with <see cref="Commit"/>.</summary>
    public FileStream CreateTemporary()
    {
        var folder = Path.Combine(Root, IncomingFolder);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, Guid.NewGuid().ToString("N") + ".part");
        return new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read, 64 * 1024, FileOptions.Asynchronous);
    }

    /// <summary>Moves a complete, fsync'ed temporary file to <paramref name="key"/> (replacing) and makes the rename durable.</summary>
    public void Commit(string temporaryPath, string key)
    {
        var target = PathOf(key);
        var folder = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(folder);
        lock (LockOf(key))
        {
            File.Move(temporaryPath, target, overwrite: true);
        }
        SyncFolder(folder);
    }

    /// <summary>Which copy is stored at <paramref name="key"/> now (null when none): size and modification time.</summary>
    public BlobVersion? VersionOf(string key)
    {
        var file = new FileInfo(PathOf(key));
        return file.Exists ? new BlobVersion(file.Length, file.LastWriteTimeUtc.Ticks) : null;
    }

    /// <summary>
    /// Replaces the object at <paramref name="key"/> with a complete, fsync'ed temporary file only if the stored copy
    /// is still <paramref name="expected"/> (the one the replacement was made from); false, touching nothing, when a
    /// newer copy arrived meanwhile. The caller deletes the temporary file then.
    /// </summary>
    public bool ReplaceIfUnchanged(string temporaryPath, string key, BlobVersion expected)
    {
        var target = PathOf(key);
        lock (LockOf(key))
        {
            if (VersionOf(key) != expected)
            {
                return false;
            }
            File.Move(temporaryPath, target, overwrite: true);
        }
        SyncFolder(Path.GetDirectoryName(target)!);
        return true;
    }

    private object LockOf(string key) => _keyLocks[StableHash(key) % (uint)_keyLocks.Length];

    public void Delete(string key)
    {
        File.Delete(PathOf(key));
    }

    public FileStream OpenRead(string key) =>
        new(PathOf(key), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 64 * 1024, FileOptions.Asynchronous | FileOptions.SequentialScan);

    /// <summary>Every stored object (not the temporaries): its key and when it was last written.</summary>
    public IEnumerable<(string Key, DateTime LastWriteUtc)> EnumerateObjects()
    {
        if (!Directory.Exists(Root))
        {
            yield break;
        }
        var incoming = Path.Combine(Root, IncomingFolder) + Path.DirectorySeparatorChar;
        foreach (var file in new DirectoryInfo(Root).EnumerateFiles("*.dcm", SearchOption.AllDirectories))
        {
            if (!file.FullName.StartsWith(incoming, StringComparison.Ordinal))
            {
                yield return (Path.GetRelativePath(Root, file.FullName).Replace(Path.DirectorySeparatorChar, '/'), file.LastWriteTimeUtc);
            }
        }
    }

    /// <summary>Removes temporary files left by a process that stopped mid-transfer (never acknowledged).</summary>
    public int RemoveAbandonedTemporaries(TimeSpan olderThan)
    {
        var removed = 0;
        if (!Directory.Exists(Path.Combine(Root, IncomingFolder)))
        {
            return 0;
        }
        foreach (var file in new DirectoryInfo(Path.Combine(Root, IncomingFolder)).EnumerateFiles("*.part"))
        {
            if (file.LastWriteTimeUtc < DateTime.UtcNow - olderThan)
            {
                file.Delete();
                removed++;
            }
        }
        return removed;
    }

    private static uint StableHash(string text)
    {
        // FNV-1a: the fan-out must be the same in every process and release (string.GetHashCode is not).
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }
        return hash;
    }

    /// <summary>fsync of the folder, so the rename itself survives a power cut (POSIX leaves it volatile otherwise).</summary>
    private static void SyncFolder(string folder)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }
        var fd = NativeMethods.open(folder, NativeMethods.O_RDONLY | NativeMethods.O_DIRECTORY);
        if (fd < 0)
        {
            throw new IOException($"cannot open the blob folder to sync it (errno {Marshal.GetLastPInvokeError()})");
        }
        try
        {
            if (NativeMethods.fsync(fd) != 0)
            {
                throw new IOException($"fsync of the blob folder failed (errno {Marshal.GetLastPInvokeError()})");
            }
        }
        finally
        {
            _ = NativeMethods.close(fd);
        }
    }
}

/// <summary>Identifies one stored copy of an object: a newer copy written to the same key differs in time (and usually size).</summary>
public readonly record struct BlobVersion(long Length, long LastWriteTicks);
