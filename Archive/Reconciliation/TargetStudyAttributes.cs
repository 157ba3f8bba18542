using CloudFilm.Archive.Blobs;
using CloudFilm.Archive.Index;
using CloudFilm.Dicom;
using CloudFilm.Dicom.Data;
using CloudFilm.Dicom.Text;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CloudFilm.Archive.Reconciliation;

/// <summary>
/// The values a moved instance takes from the study it is merged into, one per
/// <see cref="StudyAttributeCoercion.StudyAttributes"/> (null: remove the attribute), and the character set they
/// were read in (null when they came from the index rather than a stored file).
/// </summary>
public sealed record TargetStudyAttributes(DicomCharacterSet? CharacterSet, IReadOnlyDictionary<DicomTag, string?> Values)
{
    /// <summary>
    /// The target's study-level values as its latest stored file has them, decoded with its Specific Character
    /// Set (kept for the moved files, so names in any repertoire round-trip); the index row when no file is readable.
    /// </summary>
    public static async Task<TargetStudyAttributes> ReadAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, BlobStore blobs, ILogger logger, string target, CancellationToken cancellationToken)
    {
        await using (var latest = new NpgsqlCommand(
            "SELECT blob_key FROM dicom_instances WHERE study_instance_uid = @target ORDER BY received_at DESC LIMIT 1", connection, transaction))
        {
            latest.Parameters.AddWithValue("target", target);
            if (await latest.ExecuteScalarAsync(cancellationToken) is string key && blobs.Exists(key))
            {
                try
                {
                    return FromStored(InstanceAttributes.OpenStored(blobs.PathOf(key)).Dataset);
                }
                catch (DicomException e)
                {
                    logger.LogWarning("Merge target {StudyInstanceUid}: stored file unreadable ({Error}); using the index", target, e.Message);
                }
            }
        }

        await using var row = new NpgsqlCommand("""
            SELECT patient_name, patient_id, issuer_of_patient_id, coalesce(to_char(patient_birth_date, 'YYYYMMDD'), ''), patient_sex, accession_number,
                   coalesce(to_char(study_date, 'YYYYMMDD'), ''), study_time, study_id, study_description, referring_physician
            FROM dicom_studies WHERE study_instance_uid = @target
            """, connection, transaction);
        row.Parameters.AddWithValue("target", target);
        await using var reader = await row.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return FromIndex(Enumerable.Range(0, StudyAttributeCoercion.StudyAttributes.Count).Select(reader.GetString).ToList());
    }

    /// <summary>The values a stored file of the target holds (an absent attribute is removed from the moved files).</summary>
    public static TargetStudyAttributes FromStored(DicomDataset dataset) =>
        new(dataset.CharacterSet, StudyAttributeCoercion.StudyAttributes.ToDictionary(a => a.Tag, a => dataset.Contains(a.Tag) ? dataset.GetString(a.Tag) ?? "" : null));

    /// <summary>
    /// The values of the target's index row, in the order of <see cref="StudyAttributeCoercion.StudyAttributes"/>;
    /// the index keeps no difference between empty and absent, so an empty type 3 value is removed.
    /// </summary>
    public static TargetStudyAttributes FromIndex(IReadOnlyList<string> row)
    {
        var attributes = StudyAttributeCoercion.StudyAttributes;
        var values = new Dictionary<DicomTag, string?>();
        for (var i = 0; i < attributes.Count; i++)
        {
            values[attributes[i].Tag] = row[i].Length == 0 && !attributes[i].Type2 ? null : row[i];
        }
        return new TargetStudyAttributes(null, values);
    }
}
