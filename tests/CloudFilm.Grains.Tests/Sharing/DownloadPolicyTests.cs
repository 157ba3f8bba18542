using CloudFilm.Grains.Abstractions.Sharing;
using CloudFilm.Grains.Sharing;

namespace CloudFilm.Grains.Tests.Sharing;

public class DownloadPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);

    private static DownloadTicketState Ticket(string code = "AB3DEF", DateTimeOffset? expires = null) => new()
    {
        Ticket = new DownloadTicket("share1", "A1", DownloadFormat.Dicom, false, DownloadCodes.Hash(code), expires ?? Now.AddHours(24), 1000),
    };

    [Fact]
    public void The_right_code_is_allowed_in_any_case()
    {
        var state = Ticket();
        DownloadPolicy.Redeem(state, "ab3def", true, Now).Check.Should().Be(DownloadCheck.Allowed);
        state.Downloads.Should().Be(1);
    }

    [Fact]
    public void Five_wrong_codes_lock_then_the_lock_passes()
    {
        var state = Ticket();
        var checks = Enumerable.Range(0, 5).Select(_ => DownloadPolicy.Redeem(state, "WRONG1", true, Now).Check).ToList();

        checks.Should().Equal(DownloadCheck.WrongCode, DownloadCheck.WrongCode, DownloadCheck.WrongCode, DownloadCheck.WrongCode, DownloadCheck.Locked);
        DownloadPolicy.Redeem(state, "AB3DEF", true, Now.AddMinutes(1)).Check.Should().Be(DownloadCheck.Locked);
        DownloadPolicy.Redeem(state, "AB3DEF", true, Now + DownloadPolicy.LockDuration).Check.Should().Be(DownloadCheck.Allowed);
    }

    [Fact]
    public void An_expired_ticket_is_refused_even_with_the_right_code() =>
        DownloadPolicy.Redeem(Ticket(expires: Now), "AB3DEF", true, Now).Check.Should().Be(DownloadCheck.Expired);

    [Fact]
    public void A_withdrawn_share_withdraws_its_downloads() =>
        DownloadPolicy.Redeem(Ticket(), "AB3DEF", false, Now).Check.Should().Be(DownloadCheck.Withdrawn);

    [Fact]
    public void A_missing_ticket_is_unknown() =>
        DownloadPolicy.Redeem(new DownloadTicketState(), "AB3DEF", true, Now).Check.Should().Be(DownloadCheck.Unknown);

    [Fact]
    public void A_download_expires_after_a_day_but_never_after_its_share()
    {
        DownloadCodes.ExpiryFor(Now, Now.AddDays(7)).Should().Be(Now.AddHours(24));
        DownloadCodes.ExpiryFor(Now, Now.AddHours(2)).Should().Be(Now.AddHours(2));
    }

    [Fact]
    public void Codes_avoid_characters_people_confuse()
    {
        var codes = Enumerable.Range(0, 200).Select(_ => DownloadCodes.New()).ToList();
        codes.Should().OnlyContain(c => c.Length == 6 && c.All(ch => DownloadCodes.CodeAlphabet.Contains(ch)));
        string.Concat(codes).Should().NotContainAny("0", "O", "1", "I", "L");
        codes.Distinct().Count().Should().BeGreaterThan(190);
    }
}
