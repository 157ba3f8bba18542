using CloudFilm.Archive.Index;
using CloudFilm.Grains.Abstractions.Queues;

namespace CloudFilm.DicomNode.AiPush;

/// <summary>
/// The SQL that turns recent events into pending deliveries, one statement per <see cref="PushTrigger"/>. Each takes
/// <c>@endpoint</c>, <c>@trigger</c>, <c>@pending</c> (the delivery status), <c>@modalities</c> (empty = all) and
/// <c>@since</c> (the lookback); exam starts also <c>@ticketStarted</c> (<see cref="TicketStatusNames.ExamStarted"/>)
/// and <c>@matched</c> (<see cref="DicomStudyMatchStatus.Matched"/>). Each looks at most a day back, and
/// makes at most one delivery per (study, endpoint, trigger): the table's key, so a rerun or another node adds nothing.
/// Only registered orders are pushed (the payload is the order's); a study staff marked unmatched is not.
/// </summary>
public static class ExamPushScans
{
    public static string For(string trigger) => trigger switch
    {
        PushTrigger.Registered => Registrations,
        PushTrigger.ExamStarted => ExamStarts,
        _ => throw new ArgumentOutOfRangeException(nameof(trigger), trigger, "not a push trigger"),
    };

    /// <summary>Orders registered since the lookback (studies_by_registered_at).</summary>
    private const string Registrations = """
        INSERT INTO ai_push_deliveries (study_key, endpoint, trigger, status, next_attempt, created_at)
        SELECT s.study_key, @endpoint, @trigger, @pending, now(), now() FROM studies s
        WHERE s.registered_at >= GREATEST(@since, now() - interval '1 day') AND NOT s.is_unmatched
          AND (cardinality(@modalities) = 0 OR s.modality = ANY(@modalities))
        ON CONFLICT DO NOTHING
        """;

    /// <summary>
    /// Exams started since the lookback: a queue ticket for the order that is Called (or already Done, in case the
    /// Called state was overwritten before a scan saw it; queue_tickets_started), or the first images the order
    /// accepted (matched by accession number or linked by staff; dicom_studies_started). The earlier of the two is the
    /// start, so an exam whose other sign is older than the lookback is not pushed either.
    /// </summary>
    private const string ExamStarts = """
        INSERT INTO ai_push_deliveries (study_key, endpoint, trigger, status, next_attempt, created_at)
        SELECT s.study_key, @endpoint, @trigger, @pending, now(), now()
        FROM (
            SELECT t.exam_id AS study_key FROM queue_tickets t
            WHERE t.status = ANY(@ticketStarted) AND t.updated_at >= GREATEST(@since, now() - interval '1 day')
            UNION
            SELECT coalesce(ds.linked_study_key, ds.accession_number) FROM dicom_studies ds
            WHERE ds.match_status = @matched AND ds.first_arrival >= GREATEST(@since, now() - interval '1 day')
        ) started JOIN studies s ON s.study_key = started.study_key
        WHERE NOT s.is_unmatched AND (cardinality(@modalities) = 0 OR s.modality = ANY(@modalities))
          AND NOT EXISTS (SELECT 1 FROM queue_tickets t WHERE t.exam_id = s.study_key
                          AND t.status = ANY(@ticketStarted) AND t.updated_at < @since)
          AND NOT EXISTS (SELECT 1 FROM dicom_studies ds WHERE coalesce(ds.linked_study_key, ds.accession_number) = s.study_key
                          AND ds.match_status = @matched AND ds.first_arrival < @since)
        ON CONFLICT DO NOTHING
        """;
}
