using System.Diagnostics;
using System.Text.Json;
using CloudFilm.Archive.Query;
using CloudFilm.Testing;
using Npgsql;

namespace CloudFilm.Benchmarks.Commands;

/// <summary>
/// index [--instances N] [--per-study K] [--queries Q]: fills a fresh database with N synthetic instances (K per
/// study, one series per study; Chinese names with pinyin, dates over five years), then times study-level C-FIND
/// queries through the same code the C-FIND SCP runs (<see cref="IndexQueries"/>): patient name prefix (pinyin and
/// ideographic), a 7-day study date range, and an accession number. Prints p50/p95/p99 in ms per query kind.
/// PostgreSQL: CLOUDFILM_TEST_PG, else a throwaway server.
/// </summary>
internal sealed class IndexBenchmarkCommand : IBenchmarkCommand
{
    private static readonly (string Pinyin, string Hanzi)[] Surnames =
    [
        ("WANG", "王"), ("LI", "李"), ("ZHANG", "张"), ("LIU", "刘"), ("CHEN", "陈"), ("YANG", "杨"), ("HUANG", "黄"), ("ZHAO", "赵"),
        ("WU", "吴"), ("ZHOU", "周"), ("XU", "徐"), ("SUN", "孙"), ("MA", "马"), ("ZHU", "朱"), ("HU", "胡"), ("GUO", "郭"),
        ("HE", "何"), ("GAO", "高"), ("LIN", "林"), ("LUO", "罗"), ("ZHENG", "郑"), ("LIANG", "梁"), ("XIE", "谢"), ("SONG", "宋"),
        ("TANG", "唐"), ("XU", "许"), ("HAN", "韩"), ("FENG", "冯"), ("DENG", "邓"), ("CAO", "曹"), ("PENG", "彭"), ("ZENG", "曾"),
    ];

    private static readonly (string Pinyin, string Hanzi)[] Given =
    [
        ("WEI", "伟"), ("FANG", "芳"), ("NA", "娜"), ("MIN", "敏"), ("JING", "静"), ("LI", "丽"), ("QIANG", "强"), ("LEI", "磊"),
        ("JUN", "军"), ("YANG", "洋"), ("YONG", "勇"), ("YAN", "艳"), ("JIE", "杰"), ("TAO", "涛"), ("MING", "明"), ("CHAO", "超"),
        ("XIU", "秀"), ("XIA", "霞"), ("PING", "平"), ("GANG", "刚"), ("GUI", "桂"), ("HUA", "华"), ("HONG", "红"), ("BIN", "斌"),
    ];

    public string Summary => "C-FIND over a 1,000,000-instance index: name prefix, date range, accession (p50/p95/p99 ms)";

    public async Task<int> RunAsync(string[] args)
    {
        int instances = 1_000_000, perStudy = 10, queries = 200;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--instances": instances = int.Parse(args[++i]); break;
                case "--per-study": perStudy = int.Parse(args[++i]); break;
                case "--queries": queries = int.Parse(args[++i]); break;
                default:
                    Console.Error.WriteLine($"index: unknown option {args[i]}");
                    return 2;
            }
        }
        var studies = instances / perStudy;
        var connectionString = await PostgresServer.Instance.CreateDatabaseAsync("bench_index");
        await using var dataSource = NpgsqlDataSource.Create(connectionString);

        var fill = Stopwatch.StartNew();
        await FillAsync(dataSource, studies, perStudy);
        fill.Stop();

        var index = new IndexQueries(dataSource);
        var random = new Random(42);
        var results = new Dictionary<string, object>();
        async Task<object> TimeAsync(string name, Func<QueryKeys> keys)
        {
            await index.FindStudiesAsync(keys(), IndexQueries.DefaultLimit, default); // warm
            var times = new List<double>();
            long matches = 0;
            for (var q = 0; q < queries; q++)
            {
                var k = keys();
                var watch = Stopwatch.StartNew();
                matches += (await index.FindStudiesAsync(k, IndexQueries.DefaultLimit, default)).Count;
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
            times.Sort();
            return new { queries, meanMatches = matches / (double)queries, p50Ms = Pct(times, 0.50), p95Ms = Pct(times, 0.95), p99Ms = Pct(times, 0.99), maxMs = times[^1] };
        }

        results["namePrefixPinyin"] = await TimeAsync("name", () =>
        {
            var (s, _) = Surnames[random.Next(Surnames.Length)];
            var (g, _) = Given[random.Next(Given.Length)];
            return new QueryKeys { ["PatientName"] = $"{s}^{g[0]}*", ["StudyInstanceUID"] = "" };
        });
        results["namePrefixIdeographic"] = await TimeAsync("hanzi", () =>
        {
            var (_, s) = Surnames[random.Next(Surnames.Length)];
            var (_, g) = Given[random.Next(Given.Length)];
            return new QueryKeys { ["PatientName"] = $"{s}^{g}*", ["StudyInstanceUID"] = "" };
        });
        results["dateRange7Days"] = await TimeAsync("date", () =>
        {
            var from = new DateOnly(2021, 1, 1).AddDays(random.Next(0, 5 * 365 - 7));
            return new QueryKeys { ["StudyDate"] = $"{from:yyyyMMdd}-{from.AddDays(6):yyyyMMdd}" };
        });
        results["accession"] = await TimeAsync("accession", () => new QueryKeys { ["AccessionNumber"] = $"A{random.Next(studies):D8}" });

        Console.WriteLine(JsonSerializer.Serialize(new
        {
            benchmark = "index",
            instances,
            studies,
            fillSeconds = Math.Round(fill.Elapsed.TotalSeconds, 1),
            limit = IndexQueries.DefaultLimit,
            results,
            machine = new { Environment.ProcessorCount, os = Environment.OSVersion.VersionString },
        }, new JsonSerializerOptions { WriteIndented = true }));
        return 0;
    }

    private static double Pct(List<double> sorted, double p) => Math.Round(sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)], 2);

    /// <summary>Synthetic rows written with generate_series in a few statements (the index writer is measured by the ingest benchmark).</summary>
    private static async Task FillAsync(NpgsqlDataSource dataSource, int studies, int perStudy)
    {
        var surnames = string.Join(",", Surnames.Select(s => $"('{s.Pinyin}','{s.Hanzi}')"));
        var given = string.Join(",", Given.Select(g => $"('{g.Pinyin}','{g.Hanzi}')"));
        var sql = $"""
            CREATE TEMP TABLE sn(i serial, py text, hz text); INSERT INTO sn(py, hz) VALUES {surnames};
            CREATE TEMP TABLE gn(i serial, py text, hz text); INSERT INTO gn(py, hz) VALUES {given};
            INSERT INTO dicom_studies (study_instance_uid, patient_id, issuer_of_patient_id, patient_name, patient_name_search, patient_name_ideographic,
                patient_birth_date, patient_sex, accession_number, study_date, study_time, study_id, study_description, referring_physician,
                modalities, series_count, instance_count, first_arrival, last_arrival, revision, notified_revision, match_status)
            SELECT '2.25.9.' || n, 'P' || (n % ({studies} / 3 + 1)), 'HOSP', names.py || '=' || names.hz, names.py || '=' || names.hz, names.hz,
                DATE '1940-01-01' + (n::bigint * 7919 % 25000)::int, CASE WHEN n % 2 = 0 THEN 'M' ELSE 'F' END, 'A' || lpad(n::text, 8, '0'),
                DATE '2021-01-01' + (n::bigint * 104729 % (5 * 365))::int, '101500', '1', '胸部 CT', '', ARRAY['CT'], 1, {perStudy}, now(), now(), 1, 1, 'matched'
            FROM generate_series(0, {studies} - 1) n
            CROSS JOIN LATERAL (SELECT s.py || '^' || g.py AS py, s.hz || '^' || g.hz AS hz FROM sn s, gn g
                                WHERE s.i = 1 + (n * 31 % {Surnames.Length}) AND g.i = 1 + (n * 17 % {Given.Length})) names;
            INSERT INTO dicom_series (series_instance_uid, study_instance_uid, modality, series_number, series_description, body_part, instance_count, first_arrival, last_arrival)
            SELECT '2.25.9.' || n || '.1', '2.25.9.' || n, 'CT', 1, 'Axial', 'CHEST', {perStudy}, now(), now() FROM generate_series(0, {studies} - 1) n;
            INSERT INTO dicom_instances (sop_instance_uid, series_instance_uid, study_instance_uid, sop_class_uid, instance_number, number_of_frames,
                rows, columns, transfer_syntax_uid, received_syntax_uid, blob_key, stored_bytes, received_bytes, source_ae_title, received_at)
            SELECT '2.25.9.' || n || '.1.' || k, '2.25.9.' || n || '.1', '2.25.9.' || n, '1.2.840.10008.5.1.4.1.1.2', k, 1, 512, 512,
                '1.2.840.10008.1.2.4.80', '1.2.840.10008.1.2.1', 'x', 180000, 525000, 'CT1', now()
            FROM generate_series(0, {studies} - 1) n, generate_series(1, {perStudy}) k;
            ANALYZE dicom_studies; ANALYZE dicom_series; ANALYZE dicom_instances;
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync();
    }
}
