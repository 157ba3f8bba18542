using CloudFilm.Grains.Abstractions.Sharing;
using Microsoft.Extensions.Options;

namespace CloudFilm.Api.Sharing;

/// <summary>
/// The public addresses of share links, and the texts that carry them (<see cref="ShareLinkOptions"/>).
/// </summary>
public sealed class ShareLinks(IOptions<ShareLinkOptions> options)
{
    public string BaseUrl { get; } = options.Value.PublicBaseUrl.TrimEnd('/');

    public string HospitalName { get; } = options.Value.HospitalName;

    public string PatientPage(string token) => $"{BaseUrl}/s/{token}";

    public string ReadyNotification(string token) =>
        $"【{HospitalName}】您的检查报告和影像（云胶片）已生成，请打开 {PatientPage(token)} 查看，查看前需短信验证。";

    public string VerificationCode(string code) =>
        $"【{HospitalName}】云胶片验证码 {code}，5分钟内有效。请勿告诉他人。";

    /// <summary>What logs may show of a token: the first characters of its id, never the token.</summary>
    public static string ForLog(string token) => ShareTokens.TokenId(token)[..8];
}
