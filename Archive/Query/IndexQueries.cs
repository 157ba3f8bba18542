using Npgsql;

namespace CloudFilm.Archive.Query;

/// <summary>Query keys by DICOM keyword (PatientName, StudyDate, ...) as received; absent or empty means "any".</summary>
public sealed class QueryKeys : Dictionary<string, string>
{
    public QueryKeys() : base(StringComparer.Ordinal)
    {
    }

    public string? Get(string keyword) => TryGetValue(keyword, out var v) && v.Length > 0 ? v : null;
}

/// <summary>A matched row: attribute values by DICOM keyword, ready to be put in a response identifier.</summary>
public sealed class QueryMatch : Dictionary<string, string>
{
    public QueryMatch() : base(StringComparer.Ordinal)
    {
    }
}

/// <summary>
/// C-FIND (and later QIDO-RS) over the index tables, at the patient, study, series and image levels. Patient name
/// matches the whole name or its ideographic group, case-insensitively; every match is answered from one SQL query.
/// </summary>
public sealed class IndexQueries(NpgsqlDataSource dataSource)
{
    public const int DefaultLimit = 1000;

    public Task<IReadOnlyList<QueryMatch>> FindPatientsAsync(QueryKeys keys, int limit, CancellationToken cancellationToken)
    {
        var q = StudyConditions(keys);
        var sql = $"""
            SELECT patient_id, issuer_of_patient_id, max(patient_name), max(patient_birth_date)::text, max(patient_sex),
                   count(*)::text, sum(series_count)::text, sum(instance_count)::text
            FROM dicom_studies{q.Where} GROUP BY patient_id, issuer_of_patient_id ORDER BY patient_id LIMIT {q.Bind(limit)}
            """;
        return RunAsync(q, sql, r => new QueryMatch
        {
            ["PatientID"] = r.GetString(0),
            ["IssuerOfPatientID"] = r.GetString(1),
            ["PatientName"] = r.GetString(2),
            ["PatientBirthDate"] = DicomDate(r, 3),
            ["PatientSex"] = r.GetString(4),
            ["NumberOfPatientRelatedStudies"] = r.GetString(5),
            ["NumberOfPatientRelatedSeries"] = r.GetString(6),
            ["NumberOfPatientRelatedInstances"] = r.GetString(7),
        }, cancellationToken);
    }

    public Task<IReadOnlyList<QueryMatch>> FindStudiesAsync(QueryKeys keys, int limit, CancellationToken cancellationToken)
    {
        var q = StudyConditions(keys);
        var sql = $"""
            SELECT study_instance_uid, patient_id, issuer_of_patient_id, patient_name, patient_birth_date::text, patient_sex,
                   accession_number, study_date::text, study_time, study_id, study_description, referring_physician,
                   array_to_string(modalities, '\'), series_count::text, instance_count::text
            FROM dicom_studies{q.Where} ORDER BY study_date DESC NULLS LAST, study_instance_uid LIMIT {q.Bind(limit)}
            """;
        return RunAsync(q, sql, r => new QueryMatch
        {
            ["StudyInstanceUID"] = r.GetString(0),
            ["PatientID"] = r.GetString(1),
            ["IssuerOfPatientID"] = r.GetString(2),
            ["PatientName"] = r.GetString(3),
            ["PatientBirthDate"] = DicomDate(r, 4),
            ["PatientSex"] = r.GetString(5),
            ["AccessionNumber"] = r.GetString(6),
            ["StudyDate"] = DicomDate(r, 7),
            ["StudyTime"] = r.GetString(8),
            ["StudyID"] = r.GetString(9),
            ["StudyDescription"] = r.GetString(10),
            ["ReferringPhysicianName"] = r.GetString(11),
            ["ModalitiesInStudy"] = r.GetString(12),
            ["NumberOfStudyRelatedSeries"] = r.GetString(13),
            ["NumberOfStudyRelatedInstances"] = r.GetString(14),
        }, cancellationToken);
    }

    public Task<IReadOnlyList<QueryMatch>> FindSeriesAsync(QueryKeys keys, int limit, CancellationToken cancellationToken)
    {
        var q = new QueryBuilder();
        q.UidList("s.study_instance_uid", keys.Get("StudyInstanceUID"));
        q.UidList("s.series_instance_uid", keys.Get("SeriesInstanceUID"));
        q.Text("s.modality", keys.Get("Modality"));
        q.Text("s.series_number::text", keys.Get("SeriesNumber"));
        q.Text("s.body_part", keys.Get("BodyPartExamined"));
        AddPatientConditions(q, keys, "st.");
        var sql = $"""
            SELECT s.series_instance_uid, s.study_instance_uid, s.modality, coalesce(s.series_number::text, ''), s.series_description,
                   s.body_part, s.instance_count::text
            FROM dicom_series s JOIN dicom_studies st USING (study_instance_uid){q.Where}
            ORDER BY s.series_number NULLS LAST, s.series_instance_uid LIMIT {q.Bind(limit)}
            """;
        return RunAsync(q, sql, r => new QueryMatch
        {
            ["SeriesInstanceUID"] = r.GetString(0),
            ["StudyInstanceUID"] = r.GetString(1),
            ["Modality"] = r.GetString(2),
            ["SeriesNumber"] = r.GetString(3),
            ["SeriesDescription"] = r.GetString(4),
            ["BodyPartExamined"] = r.GetString(5),
            ["NumberOfSeriesRelatedInstances"] = r.GetString(6),
        }, cancellationToken);
    }

    public Task<IReadOnlyList<QueryMatch>> FindInstancesAsync(QueryKeys keys, int limit, CancellationToken cancellationToken)
    {
        var q = new QueryBuilder();
        q.UidList("i.study_instance_uid", keys.Get("StudyInstanceUID"));
        q.UidList("i.series_instance_uid", keys.Get("SeriesInstanceUID"));
        q.UidList("i.sop_instance_uid", keys.Get("SOPInstanceUID"));
        q.UidList("i.sop_class_uid", keys.Get("SOPClassUID"));
        q.Text("i.instance_number::text", keys.Get("InstanceNumber"));
        var sql = $"""
            SELECT i.sop_instance_uid, i.sop_class_uid, i.series_instance_uid, i.study_instance_uid, coalesce(i.instance_number::text, ''),
                   i.number_of_frames::text, coalesce(i.rows::text, ''), coalesce(i.columns::text, ''), i.blob_key, i.transfer_syntax_uid
            FROM dicom_instances i{q.Where} ORDER BY i.series_instance_uid, i.instance_number NULLS LAST, i.sop_instance_uid LIMIT {q.Bind(limit)}
            """;
        return RunAsync(q, sql, r => new QueryMatch
        {
            ["SOPInstanceUID"] = r.GetString(0),
            ["SOPClassUID"] = r.GetString(1),
            ["SeriesInstanceUID"] = r.GetString(2),
            ["StudyInstanceUID"] = r.GetString(3),
            ["InstanceNumber"] = r.GetString(4),
            ["NumberOfFrames"] = r.GetString(5),
            ["Rows"] = r.GetString(6),
            ["Columns"] = r.GetString(7),
            [BlobKey] = r.GetString(8),
            [StoredSyntax] = r.GetString(9),
        }, cancellationToken);
    }

    /// <summary>Not DICOM keywords: where an instance is stored and in which syntax (for retrieval).</summary>
    public const string BlobKey = "_blob_key";
    public const string StoredSyntax = "_transfer_syntax";

    private static QueryBuilder StudyConditions(QueryKeys keys)
    {
        var q = new QueryBuilder();
        AddPatientConditions(q, keys, "");
        q.UidList("study_instance_uid", keys.Get("StudyInstanceUID"));
        q.Text("accession_number", keys.Get("AccessionNumber"));
        q.DateRange("study_date", keys.Get("StudyDate"));
        q.Text("study_id", keys.Get("StudyID"));
        if (keys.Get("ModalitiesInStudy") is { } modalities)
        {
            var list = MatchingRules.UidList(modalities).Where(m => m != "*").ToArray();
            if (list.Length > 0)
            {
                q.Add($"modalities && {q.Bind(list)}");
            }
        }
        return q;
    }

    private static void AddPatientConditions(QueryBuilder q, QueryKeys keys, string prefix)
    {
        q.Text(prefix + "patient_id", keys.Get("PatientID"));
        q.Text(prefix + "issuer_of_patient_id", keys.Get("IssuerOfPatientID"));
        if (keys.Get("PatientName") is { } name && name != "*")
        {
            var upper = name.ToUpperInvariant();
            if (!MatchingRules.IsWildcard(upper))
            {
                // Single value matching of a name: the full value, or one of its groups given alone.
                q.Add(upper.Contains('=', StringComparison.Ordinal)
                    ? $"{prefix}patient_name_search = {q.Bind(upper)}"
                    : $"({prefix}patient_name_search = {q.Bind(upper)} OR {prefix}patient_name_search LIKE {q.Bind(MatchingRules.ToLikePattern(upper) + "=%")} OR {prefix}patient_name_ideographic = {q.Bind(upper)})");
            }
            else
            {
                var pattern = q.Bind(MatchingRules.ToLikePattern(upper));
                q.Add(upper.Contains('=', StringComparison.Ordinal)
                    ? $"{prefix}patient_name_search LIKE {pattern}"
                    : $"({prefix}patient_name_search LIKE {pattern} OR {prefix}patient_name_ideographic LIKE {pattern})");
            }
        }
    }

    private async Task<IReadOnlyList<QueryMatch>> RunAsync(QueryBuilder q, string sql, Func<NpgsqlDataReader, QueryMatch> map, CancellationToken cancellationToken)
    {
        await using var command = q.Command(dataSource, sql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var matches = new List<QueryMatch>();
        while (await reader.ReadAsync(cancellationToken))
        {
            matches.Add(map(reader));
        }
        return matches;
    }

    private static string DicomDate(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? "" : reader.GetString(ordinal).Replace("-", "", StringComparison.Ordinal);
}
