using System.Net;
using CloudFilm.Api.Messaging;
using CloudFilm.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CloudFilm.Api.Tests.Messaging;

/// <summary>The HTTP SMS gateway against a stand-in for the hospital's SMS platform on loopback (we can't run theirs).</summary>
public sealed class HttpSmsGatewayTests : IDisposable
{
    private readonly HttpListener _platform = new();
    private readonly string _base;

    public HttpSmsGatewayTests()
    {
        var port = ExternalProcess.FreeTcpPort();
        _base = $"http://127.0.0.1:{port}/";
        _platform.Prefixes.Add(_base);
        _platform.Start();
    }

    private async Task<(string Method, string Url, string Body)> AnswerOnceAsync(int status, string answer)
    {
        var context = await _platform.GetContextAsync();
        using var reader = new StreamReader(context.Request.InputStream);
        var body = await reader.ReadToEndAsync();
        context.Response.StatusCode = status;
        await using (var writer = new StreamWriter(context.Response.OutputStream))
        {
            await writer.WriteAsync(answer);
        }
        return (context.Request.HttpMethod, context.Request.RawUrl!, body);
    }

    private HttpSmsGateway Gateway(string method, string marker = "") => new(new HttpClient(), Options.Create(new HttpSmsOptions
    {
        UrlTemplate = _base + "send?user={user}&pwd={password}&mobile={phone}&content={text}",
        Method = method,
        User = "cloudfilm",
        Password = "s3cret&=",
        SuccessMarker = marker,
    }), NullLogger<HttpSmsGateway>.Instance);

    [Fact]
    public async Task A_get_carries_the_number_and_the_chinese_text_url_encoded()
    {
        var answer = AnswerOnceAsync(200, "result=0");

        await Gateway("GET", "result=0").SendAsync(new SmsMessage("13800138000", "【云影医院】验证码 123456", "test"), default);

        var (method, url, _) = await answer;
        method.Should().Be("GET");
        var query = System.Web.HttpUtility.ParseQueryString(new Uri(new Uri(_base), url).Query);
        query["mobile"].Should().Be("13800138000");
        query["content"].Should().Be("【云影医院】验证码 123456");
        query["pwd"].Should().Be("s3cret&=");
    }

    [Fact]
    public async Task A_post_sends_the_fields_as_a_form()
    {
        var answer = AnswerOnceAsync(200, "ok");

        await Gateway("POST").SendAsync(new SmsMessage("13800138000", "云胶片已生成", "test"), default);

        var (method, url, body) = await answer;
        method.Should().Be("POST");
        url.Should().Be("/send");
        System.Web.HttpUtility.ParseQueryString(body)["content"].Should().Be("云胶片已生成");
    }

    [Theory]
    [InlineData(500, "error")]
    [InlineData(200, "result=17 balance exhausted")]
    public async Task A_refusal_is_an_error_the_caller_sees(int status, string reply)
    {
        var answer = AnswerOnceAsync(status, reply);

        var act = () => Gateway("GET", "result=0").SendAsync(new SmsMessage("13800138000", "x", "test"), default);

        await act.Should().ThrowAsync<SmsNotSentException>();
        await answer;
    }

    [Fact]
    public void Phone_numbers_are_masked_for_logs_and_pages()
    {
        PhoneMask.Mask("13800138000").Should().Be("138****8000");
        PhoneMask.Mask("123").Should().Be("***");
    }

    public void Dispose() => _platform.Close();
}
