using CloudFilm.Grains.Abstractions.Queues;
using CloudFilm.Grains.Queues;

namespace CloudFilm.Grains.Tests.Queues;

/// <summary>Test data for queues: a CT queue with two rooms, and ticket requests.</summary>
public static class Queues
{
    /// <summary>10:00 in Shanghai.</summary>
    public static readonly DateTimeOffset Morning = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);

    public static QueueDefinition Ct(string? id = null, QueueRules? rules = null, int rooms = 2) => new(
        id ?? "ct-" + Guid.NewGuid().ToString("N")[..8], "east", "CT 检查", "C", ["CT"],
        [.. Enumerable.Range(1, rooms).Select(i => new RoomDefinition($"r{i}", $"CT{i}室", "李医生", "主治医师", null, "请携带检查单"))],
        rules ?? new QueueRules(PreCallCount: 0), new VoiceSettings());

    public static TicketRequest Walkin(string exam, string name = "张三丰", int? age = 40) => new(exam, name, age);

    public static TicketRequest Elderly(string exam, int age = 80) => new(exam, "王老五", age);

    public static TicketRequest Disabled(string exam) => new(exam, "赵六", 30, Disabled: true);

    public static TicketRequest Emergency(string exam) => new(exam, "急诊患者", 50, Urgency: TicketUrgency.Emergency);

    public static TicketRequest Urgent(string exam) => new(exam, "钱七", 50, Urgency: TicketUrgency.Urgent);

    public static TicketRequest Booked(string exam, DateTimeOffset slotStart, int minutes = 15) =>
        new(exam, "孙八", 45, Slot: new AppointmentSlot(slotStart, slotStart.AddMinutes(minutes)));
}

/// <summary>A queue's state driven through <see cref="QueueCalling"/> with a clock the test moves.</summary>
public sealed class QueueDriver
{
    public QueueDriver(QueueDefinition? definition = null, DateTimeOffset? start = null)
    {
        Now = start ?? Queues.Morning;
        Calling.Configure(definition ?? Queues.Ct());
    }

    public QueueState State { get; } = new();

    public DateTimeOffset Now { get; set; }

    public QueueCalling Calling => new(State, Now);

    public List<QueueEvent> Events { get; } = [];

    public Ticket Issue(TicketRequest request, TimeSpan? after = null)
    {
        Now += after ?? TimeSpan.FromMinutes(1);
        return Record(Calling.Issue(request))!;
    }

    public Ticket? CallNext(string room = "r1") => Record(Calling.CallNext(room));

    /// <summary>Calls next in a room until nobody waits, returning the numbers in call order.</summary>
    public List<int> CallAll(string room = "r1")
    {
        var numbers = new List<int>();
        while (CallNext(room) is { } t)
        {
            numbers.Add(t.Number);
        }
        return numbers;
    }

    public Ticket? Record(QueueChange change)
    {
        Events.AddRange(change.Events);
        return change.Ticket;
    }

    public Ticket Ticket(int number) => State.Tickets.Single(t => t.Number == number);
}
