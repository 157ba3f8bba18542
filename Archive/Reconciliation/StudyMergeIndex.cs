using Npgsql;

namespace CloudFilm.Archive.Reconciliation;

/// <summary>
/// The index side of a merge, inside the transaction that locked its rows (<see cref="StudyMergePlan"/>): moves the
/// source's series, instances and measurements to the target, recounts the target, deletes the source and records
/// the merge in <c>dicom_merges</c>.
/// </summary>
internal static class StudyMergeIndex
{
    /// <summary>Moves the rows; returns the number of series moved.</summary>
    public static async Task<int> MoveRowsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, StudyMergePlan plan, IReadOnlyList<RewrittenInstance> moved, CancellationToken cancellationToken)
    {
        var (source, target) = (plan.Source, plan.Target);
        await using var batch = new NpgsqlBatch(connection, transaction);
        var series = new NpgsqlBatchCommand("UPDATE dicom_series SET study_instance_uid = @target WHERE study_instance_uid = @source");
        series.Parameters.AddWithValue("source", source);
        series.Parameters.AddWithValue("target", target);
        batch.BatchCommands.Add(series);

        var instances = new NpgsqlBatchCommand("""
            UPDATE dicom_instances i SET study_instance_uid = @target, blob_key = m.blob_key, stored_bytes = m.stored_bytes
            FROM unnest(@sops, @keys, @sizes) AS m(sop_instance_uid, blob_key, stored_bytes)
            WHERE i.sop_instance_uid = m.sop_instance_uid
            """);
        instances.Parameters.AddWithValue("target", target);
        instances.Parameters.AddWithValue("sops", moved.Select(m => m.Instance.SopInstanceUid).ToArray());
        instances.Parameters.AddWithValue("keys", moved.Select(m => m.NewKey).ToArray());
        instances.Parameters.AddWithValue("sizes", moved.Select(m => m.NewSize).ToArray());
        batch.BatchCommands.Add(instances);

        var measurements = new NpgsqlBatchCommand("UPDATE dicom_measurements SET study_instance_uid = @target WHERE study_instance_uid = @source");
        measurements.Parameters.AddWithValue("source", source);
        measurements.Parameters.AddWithValue("target", target);
        batch.BatchCommands.Add(measurements);

        // The target's counts from its rows; revision + 1 so the study arrival notifier tells the order's StudyGrain.
        var recount = new NpgsqlBatchCommand("""
            UPDATE dicom_studies t SET
                series_count = (SELECT count(*) FROM dicom_series WHERE study_instance_uid = @target),
                instance_count = (SELECT count(*) FROM dicom_instances WHERE study_instance_uid = @target),
                modalities = (SELECT coalesce(array_agg(DISTINCT modality ORDER BY modality) FILTER (WHERE modality <> ''), ARRAY[]::text[])
                              FROM dicom_series WHERE study_instance_uid = @target),
                first_arrival = LEAST(t.first_arrival, s.first_arrival),
                last_arrival = GREATEST(t.last_arrival, s.last_arrival),
                revision = t.revision + 1
            FROM dicom_studies s
            WHERE t.study_instance_uid = @target AND s.study_instance_uid = @source
            """);
        recount.Parameters.AddWithValue("source", source);
        recount.Parameters.AddWithValue("target", target);
        batch.BatchCommands.Add(recount);

        var delete = new NpgsqlBatchCommand("DELETE FROM dicom_studies WHERE study_instance_uid = @source");
        delete.Parameters.AddWithValue("source", source);
        batch.BatchCommands.Add(delete);

        await batch.ExecuteNonQueryAsync(cancellationToken);
        if (instances.RecordsAffected != moved.Count)
        {
            throw new InvalidOperationException($"moved {instances.RecordsAffected} of {moved.Count} instance rows");
        }
        return series.RecordsAffected;
    }

    /// <summary>Writes the <c>dicom_merges</c> row; returns its id.</summary>
    public static async Task<long> RecordAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, StudyMergePlan plan, int seriesMoved, string actor, DateTimeOffset at,
        CancellationToken cancellationToken)
    {
        await using var audit = new NpgsqlCommand("""
            INSERT INTO dicom_merges (source_study_instance_uid, target_study_instance_uid, reason, series_moved, instances_moved, merged_by, merged_at)
            VALUES (@source, @target, @reason, @series, @instances, @actor, @at) RETURNING id
            """, connection, transaction);
        audit.Parameters.AddWithValue("source", plan.Source);
        audit.Parameters.AddWithValue("target", plan.Target);
        audit.Parameters.AddWithValue("reason", plan.Reason);
        audit.Parameters.AddWithValue("series", seriesMoved);
        audit.Parameters.AddWithValue("instances", plan.Instances.Count);
        audit.Parameters.AddWithValue("actor", actor);
        audit.Parameters.AddWithValue("at", at);
        return (long)(await audit.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Whether the source study row is gone (the merge committed); null when the database cannot say.</summary>
    public static async Task<bool?> SourceIsGoneAsync(NpgsqlDataSource dataSource, string source)
    {
        try
        {
            await using var command = dataSource.CreateCommand("SELECT count(*) FROM dicom_studies WHERE study_instance_uid = @source");
            command.Parameters.AddWithValue("source", source);
            return (long)(await command.ExecuteScalarAsync(CancellationToken.None))! == 0;
        }
        catch (NpgsqlException)
        {
            return null;
        }
    }
}
