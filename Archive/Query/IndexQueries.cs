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
/// Which matches to answer: at most <paramref name="Limit"/> from <paramref name="Offset"/> on, in a stable order. C-FIND
/// asks for the first page with nothing else; QIDO-RS (PS3.18 8.3.4) also pages, restricts to the studies its caller may
/// see, matches person names fuzzily when asked, and matches every key the index holds at every level.
/// </summary>
public sealed record QueryWindow(int Limit, int Offset = 0)
{
    /// <summary>The Study Instance UIDs that may be answered (inside the SQL, so paging stays right), or null for every study.</summary>
    public IReadOnlyCollection<string>? Studies { get; init; }

    /// <summary>Person names match as PS3.18 <c>fuzzymatching=true</c>: case-insensitive prefix of each component, in any group.</summary>
    public bool FuzzyNames { get; init; }

    /// <summary>
    /// Series and instance levels also match the keys of the levels above (study date, patient, series description):
    /// QIDO-RS's "all series"/"all instances" searches. C-FIND matches the keys of its own level (and the patient's).
    /// </summary>
    public bool MatchEveryLevel { get; init; }
}

/// <summary>
/// C-FIND and QIDO-RS over the index tables, at the patient, study, series and image levels. Patient name matches the
/// whole name or its ideographic group, case-insensitively (fuzzily when <see cref="QueryWindow.FuzzyNames"/>); every
/// match is answered from one SQL query, with the attributes of the levels above it.
/// </summary>
public sealed class IndexQueries(NpgsqlDataSource dataSource)
{
    public const int DefaultLimit = 1000;

    public Task<IReadOnlyList<QueryMatch>> FindPatientsAsync(QueryKeys keys, int limit, CancellationToken cancellationToken)
    {
        var q = new QueryBuilder();
        AddStudyConditions(q, keys, new QueryWindow(limit), "");
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

    public Task<IReadOnlyList<QueryMatch>> FindStudiesAsync(QueryKeys keys, int limit, CancellationToken cancellationToken) =>
        FindStudiesAsync(keys, new QueryWindow(limit), cancellationToken);

    public Task<IReadOnlyList<QueryMatch>> FindStudiesAsync(QueryKeys keys, QueryWindow window, CancellationToken cancellationToken)
    {
        var q = new QueryBuilder();
        AddStudyConditions(q, keys, window, "st.");
        var sql = $"""
            SELECT {StudyColumns}
            FROM dicom_studies st{q.Where} ORDER BY st.study_date DESC NULLS LAST, st.study_instance_uid{q.Page(window)}
            """;
        return RunAsync(q, sql, r => ReadStudy(r, 0, new QueryMatch()), cancellationToken);
    }

    public Task<IReadOnlyList<QueryMatch>> FindSeriesAsync(QueryKeys keys, int limit, CancellationToken cancellationToken) =>
        FindSeriesAsync(keys, new QueryWindow(limit), cancellationToken);

    public Task<IReadOnlyList<QueryMatch>> FindSeriesAsync(QueryKeys keys, QueryWindow window, CancellationToken cancellationToken)
    {
        var q = new QueryBuilder();
        AddSeriesConditions(q, keys, window);
        if (window.MatchEveryLevel)
        {
            AddStudyConditions(q, keys, window, "st.");
        }
        else
        {
            q.UidList("s.study_instance_uid", keys.Get("StudyInstanceUID"));
            AddPatientConditions(q, keys, window, "st.");
        }
        AddAllowedStudies(q, window, "s.");
        var sql = $"""
            SELECT {SeriesColumns}, {StudyColumns}
            FROM dicom_series s JOIN dicom_studies st USING (study_instance_uid){q.Where}
            ORDER BY s.series_number NULLS LAST, s.series_instance_uid{q.Page(window)}
            """;
        return RunAsync(q, sql, r => ReadStudy(r, SeriesColumnCount, ReadSeries(r, 0, new QueryMatch())), cancellationToken);
    }

    public Task<IReadOnlyList<QueryMatch>> FindInstancesAsync(QueryKeys keys, int limit, CancellationToken cancellationToken) =>
        FindInstancesAsync(keys, new QueryWindow(limit), cancellationToken);

    public Task<IReadOnlyList<QueryMatch>> FindInstancesAsync(QueryKeys keys, QueryWindow window, CancellationToken cancellationToken)
    {
        var q = new QueryBuilder();
        q.UidList("i.study_instance_uid", keys.Get("StudyInstanceUID"));
        q.UidList("i.series_instance_uid", keys.Get("SeriesInstanceUID"));
        q.UidList("i.sop_instance_uid", keys.Get("SOPInstanceUID"));
        q.UidList("i.sop_class_uid", keys.Get("SOPClassUID"));
        q.Text("i.instance_number::text", keys.Get("InstanceNumber"));
        q.Text("i.number_of_frames::text", keys.Get("NumberOfFrames"));
        q.Text("i.rows::text", keys.Get("Rows"));
        q.Text("i.columns::text", keys.Get("Columns"));
        if (window.MatchEveryLevel)
        {
            AddSeriesConditions(q, keys, window);
            AddStudyConditions(q, keys, window, "st.");
        }
        AddAllowedStudies(q, window, "i.");
        var sql = $"""
            SELECT i.sop_instance_uid, i.sop_class_uid, coalesce(i.instance_number::text, ''), i.number_of_frames::text,
                   coalesce(i.rows::text, ''), coalesce(i.columns::text, ''), i.blob_key, i.transfer_syntax_uid, {SeriesColumns}, {StudyColumns}
            FROM dicom_instances i JOIN dicom_series s ON s.series_instance_uid = i.series_instance_uid
                 JOIN dicom_studies st ON st.study_instance_uid = i.study_instance_uid{q.Where}
            ORDER BY i.series_instance_uid, i.instance_number NULLS LAST, i.sop_instance_uid{q.Page(window)}
            """;
        return RunAsync(q, sql, r =>
        {
            var match = ReadStudy(r, 8 + SeriesColumnCount, ReadSeries(r, 8, new QueryMatch()));
            match["SOPInstanceUID"] = r.GetString(0);
            match["SOPClassUID"] = r.GetString(1);
            match["InstanceNumber"] = r.GetString(2);
            match["NumberOfFrames"] = r.GetString(3);
            match["Rows"] = r.GetString(4);
            match["Columns"] = r.GetString(5);
            match[BlobKey] = r.GetString(6);
            match[StoredSyntax] = r.GetString(7);
            return match;
        }, cancellationToken);
    }

    /// <summary>Not DICOM keywords: where an instance is stored and in which syntax (for retrieval).</summary>
    public const string BlobKey = "_blob_key";
    public const string StoredSyntax = "_transfer_syntax";

    private const string StudyColumns = """
        st.study_instance_uid, st.patient_id, st.issuer_of_patient_id, st.patient_name, st.patient_birth_date::text, st.patient_sex,
        st.accession_number, st.study_date::text, st.study_time, st.study_id, st.study_description, st.referring_physician,
        array_to_string(st.modalities, '\'), st.series_count::text, st.instance_count::text
        """;

    private const string SeriesColumns = """
        s.series_instance_uid, s.modality, coalesce(s.series_number::text, ''), s.series_description, s.body_part, s.instance_count::text
        """;

    private const int SeriesColumnCount = 6;

    private static QueryMatch ReadStudy(NpgsqlDataReader r, int at, QueryMatch match)
    {
        match["StudyInstanceUID"] = r.GetString(at);
        match["PatientID"] = r.GetString(at + 1);
        match["IssuerOfPatientID"] = r.GetString(at + 2);
        match["PatientName"] = r.GetString(at + 3);
        match["PatientBirthDate"] = DicomDate(r, at + 4);
        match["PatientSex"] = r.GetString(at + 5);
        match["AccessionNumber"] = r.GetString(at + 6);
        match["StudyDate"] = DicomDate(r, at + 7);
        match["StudyTime"] = r.GetString(at + 8);
        match["StudyID"] = r.GetString(at + 9);
        match["StudyDescription"] = r.GetString(at + 10);
        match["ReferringPhysicianName"] = r.GetString(at + 11);
        match["ModalitiesInStudy"] = r.GetString(at + 12);
        match["NumberOfStudyRelatedSeries"] = r.GetString(at + 13);
        match["NumberOfStudyRelatedInstances"] = r.GetString(at + 14);
        return match;
    }

    private static QueryMatch ReadSeries(NpgsqlDataReader r, int at, QueryMatch match)
    {
        match["SeriesInstanceUID"] = r.GetString(at);
        match["Modality"] = r.GetString(at + 1);
        match["SeriesNumber"] = r.GetString(at + 2);
        match["SeriesDescription"] = r.GetString(at + 3);
        match["BodyPartExamined"] = r.GetString(at + 4);
        match["NumberOfSeriesRelatedInstances"] = r.GetString(at + 5);
        return match;
    }

    private static void AddStudyConditions(QueryBuilder q, QueryKeys keys, QueryWindow window, string prefix)
    {
        AddPatientConditions(q, keys, window, prefix);
        q.UidList(prefix + "study_instance_uid", keys.Get("StudyInstanceUID"));
        q.Text(prefix + "accession_number", keys.Get("AccessionNumber"));
        q.DateRange(prefix + "study_date", keys.Get("StudyDate"));
        q.Text(prefix + "study_id", keys.Get("StudyID"));
        if (keys.Get("ModalitiesInStudy") is { } modalities)
        {
            var list = MatchingRules.UidList(modalities).Where(m => m != "*").ToArray();
            if (list.Length > 0)
            {
                q.Add($"{prefix}modalities && {q.Bind(list)}");
            }
        }
        if (window.MatchEveryLevel)
        {
            q.TimeRange(prefix + "study_time", keys.Get("StudyTime"));
            q.Text(prefix + "study_description", keys.Get("StudyDescription"));
            q.Text($"upper({prefix}referring_physician)", keys.Get("ReferringPhysicianName"), upperCase: true);
            q.DateRange(prefix + "patient_birth_date", keys.Get("PatientBirthDate"));
            q.Text(prefix + "patient_sex", keys.Get("PatientSex"));
        }
        AddAllowedStudies(q, window, prefix);
    }

    private static void AddSeriesConditions(QueryBuilder q, QueryKeys keys, QueryWindow window)
    {
        q.UidList("s.series_instance_uid", keys.Get("SeriesInstanceUID"));
        q.Text("s.modality", keys.Get("Modality"));
        q.Text("s.series_number::text", keys.Get("SeriesNumber"));
        q.Text("s.body_part", keys.Get("BodyPartExamined"));
        if (window.MatchEveryLevel)
        {
            q.Text("s.series_description", keys.Get("SeriesDescription"));
            q.Text("s.instance_count::text", keys.Get("NumberOfSeriesRelatedInstances"));
        }
    }

    private static void AddAllowedStudies(QueryBuilder q, QueryWindow window, string prefix)
    {
        if (window.Studies is { } studies)
        {
            q.Add($"{prefix}study_instance_uid = ANY({q.Bind(studies.ToArray())})");
        }
    }

    private static void AddPatientConditions(QueryBuilder q, QueryKeys keys, QueryWindow window, string prefix)
    {
        q.Text(prefix + "patient_id", keys.Get("PatientID"));
        q.Text(prefix + "issuer_of_patient_id", keys.Get("IssuerOfPatientID"));
        if (keys.Get("PatientName") is { } name && name != "*")
        {
            var upper = name.ToUpperInvariant();
            if (window.FuzzyNames && !MatchingRules.IsWildcard(upper) && !upper.Contains('=', StringComparison.Ordinal))
            {
                q.Add(FuzzyName(q, prefix + "patient_name_search", upper));
            }
            else if (!MatchingRules.IsWildcard(upper))
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

    /// <summary>
    /// Fuzzy person-name matching (PS3.18 8.3.4.6, as CloudFilm defines it): one word matches when any component of any
    /// group (alphabetic, ideographic, phonetic) starts with it, case-insensitively ("zha" finds "Zhang^San", "张"
    /// finds "张^三" and "张三"); several components ("zh^sa") match component by component, as prefixes, within one group.
    /// </summary>
    private static string FuzzyName(QueryBuilder q, string column, string upper)
    {
        var components = upper.Split('^');
        if (components.Count(c => c.Length > 0) <= 1)
        {
            var word = components.First(c => c.Length > 0).Trim();
            return $"(' ' || translate({column}, '^=', '  ')) LIKE {q.Bind("% " + MatchingRules.ToLikePattern(word) + "%")}";
        }
        var groups = new List<string>();
        for (var group = 1; group <= 3; group++)
        {
            var parts = components
                .Select((c, i) => (c: c.Trim(), i))
                .Where(x => x.c.Length > 0)
                .Select(x => $"split_part(split_part({column}, '=', {group}), '^', {x.i + 1}) LIKE {q.Bind(MatchingRules.ToLikePattern(x.c) + "%")}");
            groups.Add("(" + string.Join(" AND ", parts) + ")");
        }
        return "(" + string.Join(" OR ", groups) + ")";
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
