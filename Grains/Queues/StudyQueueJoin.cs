using CloudFilm.Grains.Abstractions.Queues;
using CloudFilm.Grains.Abstractions.Studies;
using CloudFilm.Grains.Projections;
using Microsoft.Extensions.Logging;

namespace CloudFilm.Grains.Queues;

/// <summary>
/// A newly registered study joins the queue of its campus and exam type, if the department has one: the same
/// ticket a registration system would ask for (idempotent per accession number). Never fails the registration.
/// </summary>
public static class StudyQueueJoin
{
    public static async Task TryJoinAsync(IGrainFactory grains, IQueueDirectory directory, StudySnapshot study, DateTimeOffset now, ILogger logger)
    {
        try
        {
            var order = study.Order;
            if (await directory.FindQueueAsync(order.Campus, order.Modality, order.ExamItem) is not { } queueId)
            {
                return;
            }
            await grains.GetGrain<IQueueGrain>(QueueKeys.GrainKey(queueId)).IssueAsync(RequestOf(study, now));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            JoinLog.JoinFailed(logger, study.StudyKey, e);
        }
    }

    public static TicketRequest RequestOf(StudySnapshot study, DateTimeOffset now)
    {
        var order = study.Order;
        var urgency = order.Priority == StudyPriority.Emergency || order.PatientType == PatientType.Emergency ? TicketUrgency.Emergency
            : order.Priority == StudyPriority.Urgent ? TicketUrgency.Urgent : TicketUrgency.Routine;
        int? age = study.Patient.BirthDate is { } birth ? AgeOn(birth, DateOnly.FromDateTime(now.UtcDateTime)) : null;
        return new TicketRequest(order.AccessionNumber, study.Patient.Name, age, false, urgency, null, null, order.ExamItem);
    }

    private static int AgeOn(DateOnly birth, DateOnly day) => day.Year - birth.Year - (day < birth.AddYears(day.Year - birth.Year) ? 1 : 0);
}

internal static partial class JoinLog
{
    [LoggerMessage(EventId = 8002, Level = LogLevel.Warning, Message = "Study {StudyKey} could not join its queue")]
    public static partial void JoinFailed(ILogger logger, string studyKey, Exception exception);
}
