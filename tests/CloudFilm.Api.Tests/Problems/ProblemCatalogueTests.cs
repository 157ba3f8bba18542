using System.Text.RegularExpressions;
using CloudFilm.Api.Problems;
using CloudFilm.Archive.Reconciliation;
using CloudFilm.Grains.Abstractions.Dispatch;
using CloudFilm.Grains.Abstractions.Queues;
using CloudFilm.Grains.Abstractions.Reports;
using CloudFilm.Grains.Abstractions.Sharing;

namespace CloudFilm.Api.Tests.Problems;

public class ProblemCatalogueTests
{
    public static TheoryData<string> Codes() => [.. ProblemCatalogue.All.Select(p => p.Code)];

    private static readonly Regex Han = new(@"\p{IsCJKUnifiedIdeographs}", RegexOptions.Compiled);

    [Fact]
    public void Every_code_and_type_is_unique_and_the_type_is_made_from_the_code()
    {
        ProblemCatalogue.All.Should().HaveCountGreaterThan(40);
        ProblemCatalogue.All.Select(p => p.Code).Should().OnlyHaveUniqueItems();
        ProblemCatalogue.All.Select(p => p.Type).Should().OnlyHaveUniqueItems();
        ProblemCatalogue.All.Should().AllSatisfy(p =>
        {
            p.Code.Should().MatchRegex("^[a-z][a-z0-9]*(-[a-z0-9]+)*$", "codes are kebab-case");
            p.Type.Should().Be("/problems/" + p.Code);
        });
    }

    [Fact]
    public void Every_code_is_documented_in_the_interface_specification()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "CloudFilm.sln")))
        {
            root = root.Parent!;
        }
        var specification = File.ReadAllText(Path.Combine(root.FullName, "docs", "interface.md"));

        ProblemCatalogue.All.Should().AllSatisfy(p => specification.Should().Contain($"| `{p.Code}` | {p.Status} |"));
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public void Every_kind_has_its_title_and_detail_in_chinese_and_english(string code)
    {
        var kind = ProblemCatalogue.Find(code)!;

        Han.IsMatch(kind.Title.Zh).Should().BeTrue("the Chinese title is Chinese: {0}", kind.Title.Zh);
        Han.IsMatch(kind.Title.En).Should().BeFalse("the English title is English: {0}", kind.Title.En);
        kind.Title.En.Should().NotBeNullOrWhiteSpace();
        if (kind.Detail is { } detail)
        {
            Han.IsMatch(detail.Zh).Should().BeTrue("the Chinese detail is Chinese: {0}", detail.Zh);
            var filled = detail.With("V0", "V1");
            filled.Zh.Should().NotContain("{0}").And.NotContain("{1}").And.NotBeNullOrWhiteSpace();
            filled.En.Should().NotContain("{0}").And.NotContain("{1}").And.NotBeNullOrWhiteSpace();
        }
        kind.Status.Should().BeInRange(400, 599);
    }

    [Theory]
    [InlineData(null, ProblemLanguage.Zh)]
    [InlineData("", ProblemLanguage.Zh)]
    [InlineData("zh", ProblemLanguage.Zh)]
    [InlineData("zh-CN", ProblemLanguage.Zh)]
    [InlineData("zh-Hans", ProblemLanguage.Zh)]
    [InlineData("zh-Hans-CN,zh;q=0.9", ProblemLanguage.Zh)]
    [InlineData("en", ProblemLanguage.En)]
    [InlineData("en-US", ProblemLanguage.En)]
    [InlineData("EN-gb", ProblemLanguage.En)]
    [InlineData("en-US,en;q=0.9,zh-CN;q=0.8", ProblemLanguage.En)]
    [InlineData("zh-CN;q=0.5,en;q=0.8", ProblemLanguage.En)]
    [InlineData("en;q=0.5,zh-CN;q=0.8", ProblemLanguage.Zh)]
    [InlineData("fr-FR,fr;q=0.9,en;q=0.3", ProblemLanguage.En)]
    [InlineData("fr-FR,de", ProblemLanguage.Zh)]
    [InlineData("en;q=0", ProblemLanguage.Zh)]
    [InlineData("*", ProblemLanguage.Zh)]
    [InlineData("en, zh", ProblemLanguage.En)]
    [InlineData("zh, en", ProblemLanguage.Zh)]
    [InlineData(";;;garbage", ProblemLanguage.Zh)]
    public void The_language_is_chosen_from_accept_language_with_chinese_by_default(string? header, ProblemLanguage expected) =>
        ProblemLanguages.FromAcceptLanguage(header).Should().Be(expected);

    [Fact]
    public void Every_refusal_of_the_domain_has_a_kind_in_the_catalogue()
    {
        var kinds = new List<ProblemType>();
        kinds.AddRange(Enum.GetValues<DispatchActionOutcome>().Where(o => o != DispatchActionOutcome.Done).Select(DomainProblems.For));
        kinds.AddRange(Enum.GetValues<QueueRefusal>().Select(DomainProblems.For));
        kinds.AddRange(Enum.GetValues<ShareAccessState>().Where(s => s != ShareAccessState.Open).Select(DomainProblems.For));
        kinds.AddRange(Enum.GetValues<DownloadCheck>().Where(c => c != DownloadCheck.Allowed).Select(DomainProblems.For));
        kinds.AddRange(new[] { ReportOutcome.ConflictingPatient, ReportOutcome.InvalidTransition }.Select(DomainProblems.For));
        kinds.AddRange(Enum.GetValues<StudyMergeOutcome>().Where(o => o != StudyMergeOutcome.Merged)
            .Select(o => ((CataloguedProblemDetails)DomainProblems.For(new StudyMergeResult(o), "1.2.3", "1.2.4").ProblemDetails).Kind));

        ProblemCatalogue.All.Should().Contain(kinds);
    }

    [Fact]
    public void A_queue_refusal_keeps_the_name_clients_read_as_refusal() =>
        Enum.GetValues<QueueRefusal>().Should().AllSatisfy(r => DomainProblems.For(r).Members!["refusal"].Should().Be(r.ToString()));

    [Fact]
    public void A_problem_holds_both_languages_until_it_is_written_in_one()
    {
        var problem = ProblemCatalogue.StudyNotFound.Details("A1");

        problem.Extensions["code"].Should().Be("study-not-found");
        problem.Type.Should().Be("/problems/study-not-found");
        problem.Status.Should().Be(404);
        problem.Localize(ProblemLanguage.En);
        problem.Title.Should().Be("No such study.");
        problem.Detail.Should().Be("No study is registered under key A1.");
        problem.Localize(ProblemLanguage.Zh);
        problem.Detail.Should().Be("检查号 A1 下没有登记的检查。");
    }

    [Fact]
    public void A_refusal_explained_by_the_domain_keeps_its_words_in_english() =>
        ProblemCatalogue.QueueRoomPaused.ExplainedDetails("room 3 is paused").DetailText.Should().Be(new BilingualText("该诊室已暂停叫号。", "room 3 is paused"));
}
