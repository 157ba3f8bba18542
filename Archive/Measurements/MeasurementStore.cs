using Npgsql;

namespace CloudFilm.Archive.Measurements;

/// <summary>The <c>dicom_measurements</c> table: written by DicomNode per SR instance, read by the Api per order.</summary>
public sealed class MeasurementStore(NpgsqlDataSource dataSource)
{
    /// <summary>Replaces the measurements of one SR instance in one transaction.</summary>
    public async Task ReplaceAsync(string sopInstanceUid, string studyInstanceUid, IReadOnlyList<Measurement> measurements, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var batch = new NpgsqlBatch(connection, transaction);
        var delete = new NpgsqlBatchCommand("DELETE FROM dicom_measurements WHERE sop_instance_uid = @sop");
        delete.Parameters.AddWithValue("sop", sopInstanceUid);
        batch.BatchCommands.Add(delete);
        foreach (var m in measurements)
        {
            var insert = new NpgsqlBatchCommand("""
                INSERT INTO dicom_measurements (sop_instance_uid, ordinal, study_instance_uid, concept_code, concept_scheme, concept_meaning,
                    numeric_value, units_code, units_meaning, finding_site, context, report_field)
                VALUES (@sop, @ordinal, @study, @code, @scheme, @meaning, @value, @units_code, @units_meaning, @site, @context, @field)
                """);
            insert.Parameters.AddWithValue("sop", sopInstanceUid);
            insert.Parameters.AddWithValue("ordinal", m.Ordinal);
            insert.Parameters.AddWithValue("study", studyInstanceUid);
            insert.Parameters.AddWithValue("code", m.ConceptCode);
            insert.Parameters.AddWithValue("scheme", m.ConceptScheme);
            insert.Parameters.AddWithValue("meaning", m.ConceptMeaning);
            insert.Parameters.AddWithValue("value", m.Value);
            insert.Parameters.AddWithValue("units_code", m.UnitsCode);
            insert.Parameters.AddWithValue("units_meaning", m.UnitsMeaning);
            insert.Parameters.AddWithValue("site", m.FindingSite);
            insert.Parameters.AddWithValue("context", m.Context);
            insert.Parameters.Add(new NpgsqlParameter("field", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)m.ReportField ?? DBNull.Value });
            batch.BatchCommands.Add(insert);
        }
        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await batch.DisposeAsync();
    }

    /// <summary>The measurements of an order (study key), by SR arrival then document order.</summary>
    public async Task<IReadOnlyList<StudyMeasurement>> ListForStudyKeyAsync(string studyKey, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT m.study_instance_uid, m.sop_instance_uid, m.ordinal, m.concept_code, m.concept_scheme, m.concept_meaning, m.numeric_value,
                   m.units_code, m.units_meaning, m.finding_site, m.context, m.report_field
            FROM dicom_measurements m JOIN dicom_studies s USING (study_instance_uid)
            JOIN dicom_instances i ON i.sop_instance_uid = m.sop_instance_uid
            WHERE coalesce(s.linked_study_key, s.accession_number) = @key
            ORDER BY i.received_at, m.sop_instance_uid, m.ordinal
            """);
        command.Parameters.AddWithValue("key", studyKey);
        var list = new List<StudyMeasurement>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new StudyMeasurement(reader.GetString(0), reader.GetString(1), new Measurement(reader.GetInt32(2), reader.GetString(3), reader.GetString(4),
                reader.GetString(5), reader.GetDecimal(6), reader.GetString(7), reader.GetString(8), reader.GetString(9), reader.GetString(10),
                reader.IsDBNull(11) ? null : reader.GetString(11))));
        }
        return list;
    }
}

public sealed record StudyMeasurement(string StudyInstanceUid, string SopInstanceUid, Measurement Measurement);
