using CloudFilm.Grains.Abstractions.Reports;
using CloudFilm.Grains.Reports;

namespace CloudFilm.Grains.Tests.Reports;

public class ReportWorkflowTests
{
    private static ReportContent Content(ReportStatus status, string findings = "双肺纹理清晰。") =>
        new(status, "胸部CT平扫", "CT", null, findings, "未见异常。", null, "李医生", null, DateTimeOffset.UnixEpoch, null, null, null);

    private static List<ReportVersion> History(params ReportContent[] contents) =>
        [.. contents.Select((c, i) => new ReportVersion(i + 1, c, "ris", DateTimeOffset.UnixEpoch))];

    [Theory]
    [InlineData(ReportStatus.Preliminary, ReportOutcome.Accepted)]
    [InlineData(ReportStatus.Final, ReportOutcome.Accepted)]
    [InlineData(ReportStatus.Amended, ReportOutcome.InvalidTransition)]
    public void A_first_report(ReportStatus status, ReportOutcome expected) =>
        ReportWorkflow.Decide([], Content(status)).Outcome.Should().Be(expected);

    [Theory]
    [InlineData(ReportStatus.Preliminary, ReportStatus.Preliminary, ReportOutcome.Accepted)]
    [InlineData(ReportStatus.Preliminary, ReportStatus.Final, ReportOutcome.Accepted)]
    [InlineData(ReportStatus.Preliminary, ReportStatus.Amended, ReportOutcome.InvalidTransition)]
    [InlineData(ReportStatus.Final, ReportStatus.Preliminary, ReportOutcome.InvalidTransition)]
    [InlineData(ReportStatus.Final, ReportStatus.Final, ReportOutcome.Accepted)]
    [InlineData(ReportStatus.Final, ReportStatus.Amended, ReportOutcome.Accepted)]
    [InlineData(ReportStatus.Amended, ReportStatus.Preliminary, ReportOutcome.InvalidTransition)]
    [InlineData(ReportStatus.Amended, ReportStatus.Amended, ReportOutcome.Accepted)]
    public void A_later_report_with_other_content(ReportStatus previous, ReportStatus next, ReportOutcome expected)
    {
        var history = previous == ReportStatus.Amended ? History(Content(ReportStatus.Final, "a"), Content(previous, "b")) : History(Content(previous, "b"));

        var (outcome, reason) = ReportWorkflow.Decide(history, Content(next, "c"));

        outcome.Should().Be(expected);
        (reason is null).Should().Be(expected == ReportOutcome.Accepted);
    }

    [Fact]
    public void The_same_content_again_is_a_duplicate() =>
        ReportWorkflow.Decide(History(Content(ReportStatus.Final)), Content(ReportStatus.Final)).Outcome.Should().Be(ReportOutcome.Duplicate);

    [Fact]
    public void A_repeat_of_an_older_version_is_a_new_version() =>
        ReportWorkflow.Decide(History(Content(ReportStatus.Final, "a"), Content(ReportStatus.Amended, "b")), Content(ReportStatus.Amended, "a"))
            .Outcome.Should().Be(ReportOutcome.Accepted);

    [Fact]
    public void Published_once_a_final_or_amended_version_exists()
    {
        ReportWorkflow.IsPublished(History(Content(ReportStatus.Preliminary))).Should().BeFalse();
        ReportWorkflow.IsPublished(History(Content(ReportStatus.Preliminary), Content(ReportStatus.Final, "x"))).Should().BeTrue();
    }
}
