using CloudFilm.Archive.Blobs;
using CloudFilm.Archive.Query;

namespace CloudFilm.Archive.Tests.Query;

public class MatchingRulesTests
{
    [Theory]
    [InlineData("ZHANG*", "ZHANG%")]
    [InlineData("张?三", "张_三")]
    [InlineData("50%_OFF*", "50\\%\\_OFF%")]
    public void Wildcards_become_like_patterns_with_like_metacharacters_escaped(string value, string pattern) =>
        MatchingRules.ToLikePattern(value).Should().Be(pattern);

    [Fact]
    public void A_single_date_is_a_one_day_range()
    {
        MatchingRules.TryParseDateRange("20261123", out var from, out var to).Should().BeTrue();
        from.Should().Be(new DateOnly(2026, 11, 23));
        to.Should().Be(from);
    }

    [Theory]
    [InlineData("20260101-20261231", "2026-01-01", "2026-12-31")]
    [InlineData("-20251231", null, "2025-12-31")]
    [InlineData("20260101-", "2026-01-01", null)]
    [InlineData("2026.01.01-2026.01.31", "2026-01-01", "2026-01-31")]
    public void Ranges_may_be_open_at_either_end(string value, string? from, string? to)
    {
        MatchingRules.TryParseDateRange(value, out var f, out var t).Should().BeTrue();
        f.Should().Be(from is null ? null : DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture));
        t.Should().Be(to is null ? null : DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("-")]
    [InlineData("2026")]
    [InlineData("yesterday")]
    public void What_is_not_a_date_range_is_refused(string value) =>
        MatchingRules.TryParseDateRange(value, out _, out _).Should().BeFalse();

    [Fact]
    public void Uid_lists_split_on_backslashes() =>
        MatchingRules.UidList("1.2.3\\1.2.4\\ ").Should().Equal("1.2.3", "1.2.4");

    [Theory]
    [InlineData("1.2.840.10008.1", true)]
    [InlineData("", false)]
    [InlineData("../etc", false)]
    [InlineData("1..2", false)]
    [InlineData(".1.2", false)]
    [InlineData("1.2/3", false)]
    public void Only_digit_and_dot_uids_can_name_a_blob(string uid, bool safe) => BlobStore.IsSafeUid(uid).Should().Be(safe);

    [Fact]
    public void Blob_keys_come_from_the_uids_only_and_are_stable() =>
        BlobStore.KeyOf("1.2.3", "1.2.3.4").Should().Be(BlobStore.KeyOf("1.2.3", "1.2.3.4")).And.EndWith("/1.2.3/1.2.3.4.dcm");
}
