using CloudFilm.Grains.Abstractions.Sharing;
using CloudFilm.Grains.Sharing;

namespace CloudFilm.Grains.Tests.Sharing;

public class SharePolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero); // 10:00 in Shanghai
    private readonly SharePolicy _policy = new(new SharePolicyOptions());

    private static ShareSessionState Session(
        VerificationMethod verification = VerificationMethod.Sms, string? accessCode = null, TimeOnly? from = null, TimeOnly? until = null,
        string? idDigits = null, DateTimeOffset? expires = null) => new()
    {
        Settings = new ShareSettings(ShareScope.Study, "A1", "P1@HOSP", expires ?? Now.AddDays(7), verification,
            accessCode is null ? null : ShareTokens.Hash(accessCode), false, from, until, "test", "13800138000",
            idDigits is null ? null : ShareTokens.Hash(idDigits)),
        CreatedAt = Now,
    };

    private string Issue(ShareSessionState state) => _policy.IssueCode(state, Now).Code!;

    [Fact]
    public void A_session_without_settings_is_unknown() =>
        _policy.SessionState(new ShareSessionState(), Now).Should().Be(ShareAccessState.Unknown);

    [Fact]
    public void An_sms_session_needs_verification() =>
        _policy.ViewerState(Session(), null, Now).Should().Be(ShareAccessState.NeedsVerification);

    [Fact]
    public void A_session_with_no_factor_is_open() =>
        _policy.ViewerState(Session(VerificationMethod.None), null, Now).Should().Be(ShareAccessState.Open);

    [Fact]
    public void An_access_code_alone_needs_verification() =>
        _policy.ViewerState(Session(VerificationMethod.None, accessCode: "8866"), null, Now).Should().Be(ShareAccessState.NeedsVerification);

    [Fact]
    public void A_session_expires_at_its_expiry_instant()
    {
        var state = Session(expires: Now.AddMinutes(1));
        _policy.SessionState(state, Now.AddMinutes(1).AddTicks(-1)).Should().NotBe(ShareAccessState.Expired);
        _policy.SessionState(state, Now.AddMinutes(1)).Should().Be(ShareAccessState.Expired);
    }

    [Fact]
    public void Revocation_wins_over_everything()
    {
        var state = Session(VerificationMethod.None);
        state.Revoked = true;
        _policy.ViewerState(state, null, Now).Should().Be(ShareAccessState.Revoked);
    }

    [Fact]
    public void The_right_code_lets_the_viewer_in_and_the_proof_keeps_them_in()
    {
        var state = Session();
        var code = Issue(state);

        var result = _policy.Verify(state, code, null, Now, out var proof);

        result.Verified.Should().BeTrue();
        proof.Should().NotBeNullOrEmpty();
        _policy.ViewerState(state, proof, Now.AddHours(1)).Should().Be(ShareAccessState.Open);
        _policy.ViewerState(state, "someone-else", Now.AddHours(1)).Should().Be(ShareAccessState.NeedsVerification);
        state.Proofs.Should().ContainSingle().Which.Hash.Should().NotBe(proof, "only hashes are kept");
    }

    [Fact]
    public void A_proof_lasts_no_longer_than_its_lifetime()
    {
        var state = Session();
        _policy.Verify(state, Issue(state), null, Now, out var proof);

        _policy.ViewerState(state, proof, Now + _policy.Options.ViewerProofLifetime).Should().Be(ShareAccessState.NeedsVerification);
    }

    [Fact]
    public void A_proof_never_outlives_the_session()
    {
        var state = Session(expires: Now.AddHours(1));
        var result = _policy.Verify(state, Issue(state), null, Now, out _);
        result.VerifiedUntil.Should().Be(Now.AddHours(1));
    }

    [Fact]
    public void A_code_is_single_use()
    {
        var state = Session();
        var code = Issue(state);
        _policy.Verify(state, code, null, Now, out _).Verified.Should().BeTrue();

        _policy.Verify(state, code, null, Now, out _).Verified.Should().BeFalse();
    }

    [Fact]
    public void A_code_expires_after_five_minutes()
    {
        var state = Session();
        var code = Issue(state);

        _policy.Verify(state, code, null, Now.AddMinutes(5), out _).Verified.Should().BeFalse();
    }

    [Fact]
    public void A_new_code_replaces_the_previous_one()
    {
        var state = Session();
        var first = Issue(state);
        string second;
        do
        {
            second = Issue(state);
        }
        while (second == first);

        _policy.Verify(state, first, null, Now, out _).Verified.Should().BeFalse();
        _policy.Verify(state, second, null, Now, out _).Verified.Should().BeTrue();
    }

    [Fact]
    public void Codes_are_six_digits_and_stored_hashed()
    {
        var state = Session();
        var code = Issue(state);
        code.Should().MatchRegex("^[0-9]{6}$");
        state.CodeHash.Should().NotContain(code);
    }

    [Fact]
    public void Five_wrong_answers_lock_for_the_lock_duration_then_attempts_start_over()
    {
        var state = Session();
        var code = Issue(state);
        var wrong = code == "000000" ? "111111" : "000000";

        var left = Enumerable.Range(0, 4).Select(i => _policy.Verify(state, wrong, null, Now, out _).AttemptsLeft).ToList();
        var fifth = _policy.Verify(state, wrong, null, Now, out _);

        left.Should().Equal(4, 3, 2, 1);
        fifth.State.Should().Be(ShareAccessState.Locked);
        fifth.LockedUntil.Should().Be(Now + _policy.Options.LockDuration);
        _policy.Verify(state, code, null, Now.AddMinutes(1), out _).State.Should().Be(ShareAccessState.Locked, "even the right code waits");
        var later = Now + _policy.Options.LockDuration;
        _policy.SessionState(state, later).Should().Be(ShareAccessState.NeedsVerification);
        var fresh = _policy.IssueCode(state, later).Code!;
        _policy.Verify(state, fresh, null, later, out _).Verified.Should().BeTrue();
    }

    [Fact]
    public void A_success_resets_the_failure_count()
    {
        var state = Session();
        var code = Issue(state);
        _policy.Verify(state, "x", null, Now, out _);
        _policy.Verify(state, code, null, Now, out _);
        state.FailedAttempts.Should().Be(0);
    }

    [Fact]
    public void Every_required_factor_must_match()
    {
        var state = Session(accessCode: "8866");
        var code = Issue(state);

        _policy.Verify(state, code, "1234", Now, out _).Verified.Should().BeFalse("the access code is wrong");
        _policy.Verify(state, null, "8866", Now, out _).Verified.Should().BeFalse("the SMS code is missing");
        _policy.Verify(state, code, " 8866 ", Now, out _).Verified.Should().BeTrue();
    }

    [Fact]
    public void Id_card_digits_match_regardless_of_the_case_of_x()
    {
        var state = Session(VerificationMethod.IdCardDigits, idDigits: "12345X");

        _policy.Verify(state, "12345x", null, Now, out _).Verified.Should().BeTrue();
    }

    [Fact]
    public void No_code_is_issued_for_a_session_not_verified_by_sms()
    {
        var state = Session(VerificationMethod.IdCardDigits, idDigits: "1234");
        _policy.IssueCode(state, Now).Code.Should().BeNull();
    }

    [Fact]
    public void No_code_is_issued_for_a_locked_session()
    {
        var state = Session();
        state.LockedUntil = Now.AddMinutes(5);
        var issued = _policy.IssueCode(state, Now);
        issued.Code.Should().BeNull();
        issued.State.Should().Be(ShareAccessState.Locked);
    }

    // Asia/Shanghai is UTC+8 (no daylight saving): the UTC times below are given with their local time.
    [Theory]
    [InlineData(8, 22, 0, 0, true)]    // 08:00 local: opens at the start
    [InlineData(8, 22, 23, 59, false)] // 07:59 local
    [InlineData(8, 22, 13, 59, true)]  // 21:59 local
    [InlineData(8, 22, 14, 0, false)]  // 22:00 local: closed at the end
    [InlineData(22, 6, 15, 0, true)]   // 23:00 local, overnight window
    [InlineData(22, 6, 21, 59, true)]  // 05:59 local
    [InlineData(22, 6, 22, 0, false)]  // 06:00 local
    [InlineData(22, 6, 2, 0, false)]   // 10:00 local
    public void Viewing_hours_are_local_to_the_hospital(int fromHour, int untilHour, int utcHour, int utcMinute, bool open)
    {
        var state = Session(from: new TimeOnly(fromHour, 0), until: new TimeOnly(untilHour, 0));
        var at = new DateTimeOffset(2026, 11, 23, utcHour, utcMinute, 0, TimeSpan.Zero);

        _policy.SessionState(state, at).Should().Be(open ? ShareAccessState.NeedsVerification : ShareAccessState.OutsideViewingHours);
    }

    [Fact]
    public void The_access_log_and_viewer_list_stay_bounded()
    {
        var state = Session(VerificationMethod.IdCardDigits, idDigits: "1234");
        for (var i = 0; i < _policy.Options.MaxViewers + 5; i++)
        {
            _policy.Verify(state, "1234", null, Now, out _);
        }
        state.Proofs.Should().HaveCount(_policy.Options.MaxViewers);
    }

    [Fact]
    public void Token_ids_are_hashes_not_tokens()
    {
        var token = ShareTokens.NewSecret();
        token.Should().HaveLength(22).And.MatchRegex("^[A-Za-z0-9_-]+$");
        ShareTokens.TokenId(token).Should().HaveLength(32).And.NotContain(token);
        ShareTokens.TokenId(token).Should().Be(ShareTokens.TokenId(token));
    }
}
