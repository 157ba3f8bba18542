using CloudFilm.Archive.Blobs;
using CloudFilm.Dicom.IO;
using Microsoft.Extensions.Logging;

namespace CloudFilm.Archive.Reconciliation;

/// <summary>A moved instance's file written at its key in the target study.</summary>
internal sealed record RewrittenInstance(MergedInstance Instance, string NewKey, long NewSize);

/// <summary>
/// The Part 10 files of a merge: each moved instance is written anew at its key in the target study with its header
/// coerced (<see cref="StudyAttributeCoercion"/>), and whichever copy nothing points at any more is removed.
/// </summary>
internal sealed class MergedInstanceFiles(BlobStore blobs, ILogger logger)
{
    /// <summary>
    /// Writes <paramref name="instance"/>'s file at <paramref name="newKey"/> (temp + fsync + rename). Throws
    /// <see cref="IOException"/> or <see cref="Dicom.DicomException"/> when the stored copy is missing or unreadable.
    /// </summary>
    public RewrittenInstance Write(
        MergedInstance instance, string newKey, string targetStudyInstanceUid, TargetStudyAttributes target, AttributeModification modification)
    {
        // Large values (pixel data, fragments of compressed frames) stay in the old file and are copied from it as
        // they are when the new one is written.
        var file = DicomFile.Open(blobs.PathOf(instance.OldKey));
        var coerced = StudyAttributeCoercion.Coerce(
            file.Dataset, targetStudyInstanceUid, target, modification with { SourceOfPreviousValues = instance.SourceAeTitle });
        file.Dataset.Clear();
        foreach (var item in coerced.ToList())
        {
            coerced.Remove(item.Tag);
            file.Dataset.Add(item);
        }

        string temporary;
        long size;
        using (var stream = blobs.CreateTemporary())
        {
            temporary = stream.Name;
            try
            {
                file.Write(stream);
                stream.Flush(flushToDisk: true);
                size = stream.Length;
            }
            catch
            {
                stream.Dispose();
                File.Delete(temporary);
                throw;
            }
        }
        try
        {
            blobs.Commit(temporary, newKey);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
        return new RewrittenInstance(instance, newKey, size);
    }

    /// <summary>Removes a file nothing points at; one that cannot be removed is logged and left (an orphan, never a dangling row).</summary>
    public void TryDelete(string key)
    {
        try
        {
            blobs.Delete(key);
        }
        catch (IOException e)
        {
            logger.LogWarning("Blob {BlobKey} left behind after a study merge: {Error}", key, e.Message);
        }
    }
}
