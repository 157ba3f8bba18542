namespace CloudFilm.Grains.Abstractions.Queues;

/// <summary>
/// A patient queue as the department defines it: which campus it belongs to, which exam types join it, which
/// rooms call from it, how it orders patients and how calls are spoken.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record QueueDefinition(
    [property: Id(0)] string QueueId,
    [property: Id(1)] string Campus,
    [property: Id(2)] string Name,
    [property: Id(3)] string TicketPrefix,
    [property: Id(4)] IReadOnlyList<string> ExamTypes,
    [property: Id(5)] IReadOnlyList<RoomDefinition> Rooms,
    [property: Id(6)] QueueRules Rules,
    [property: Id(7)] VoiceSettings Voice);

/// <summary>An exam room that calls from a queue; the door screen shows the reader and the notes.</summary>
[GenerateSerializer, Immutable]
public sealed record RoomDefinition(
    [property: Id(0)] string RoomId,
    [property: Id(1)] string Name,
    [property: Id(2)] string? ReaderName = null,
    [property: Id(3)] string? ReaderTitle = null,
    [property: Id(4)] string? ReaderPhotoUrl = null,
    [property: Id(5)] string? Notes = null);

/// <summary>Where a returning missed (过号) patient goes back in.</summary>
public enum MissedReinsertion
{
    /// <summary>After the next <see cref="QueueRules.MissedReinsertAfter"/> calls of the queue.</summary>
    AfterNextCalls = 0,

    /// <summary>At the end of their lane, as if they had just arrived.</summary>
    EndOfLane = 1,
}

/// <summary>
/// The ordering and calling rules of one queue. The ordering (see <c>QueueOrdering</c>) is, in this order:
/// emergency fast lane (arrival order); priority lane (elderly, disabled, urgent; arrival order); then the normal
/// lane, where appointments whose slot is due are called in slot order and walk-ins fill the gaps in arrival
/// order. Returning missed patients are held back for a number of calls, then go first in their lane.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record QueueRules(
    [property: Id(0)] bool EmergencyFastLane = true,
    [property: Id(1)] int? ElderlyAge = 70,
    [property: Id(2)] bool DisabledPriority = true,
    [property: Id(3)] bool UrgentIsPriority = true,
    [property: Id(4)] int AppointmentEarlyMinutes = 15,
    [property: Id(5)] int AppointmentLateMinutes = 30,
    [property: Id(6)] MissedReinsertion MissedReinsertion = MissedReinsertion.AfterNextCalls,
    [property: Id(7)] int MissedReinsertAfter = 2,
    [property: Id(8)] int MaxMisses = 3,
    [property: Id(9)] int PreCallCount = 3,
    [property: Id(10)] string DailyResetTime = "00:00",
    [property: Id(11)] string TimeZone = "Asia/Shanghai",
    [property: Id(12)] bool TransferKeepsArrival = true);

/// <summary>How calls are spoken: the template (placeholders {号码}/{number}, {姓名脱敏}/{name}, {诊室}/{room}), repeats and rate.</summary>
[GenerateSerializer, Immutable]
public sealed record VoiceSettings(
    [property: Id(0)] string Template = "请 {号码} 号 {姓名脱敏} 到 {诊室} 检查",
    [property: Id(1)] int Repeat = 2,
    [property: Id(2)] double Rate = 0.9,
    [property: Id(3)] string Language = "zh-CN");
