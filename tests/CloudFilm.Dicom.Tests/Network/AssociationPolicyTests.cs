using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CloudFilm.Dicom.Network;
using CloudFilm.Dicom.Network.Association;
using CloudFilm.Dicom.Network.Dimse;
using CloudFilm.Dicom.Network.Pdus;
using CloudFilm.Dicom.Network.Services;

namespace CloudFilm.Dicom.Tests.Network;

public class AssociationPolicyTests
{
    [Fact]
    public async Task A_wrong_called_ae_title_is_rejected_permanently_with_reason_7()
    {
        await using var server = new TestServer(new DicomServiceHandlers());
        var act = () => DicomClient.ConnectAsync(server.Request(TestServer.Verification) with { CalledAeTitle = "SOMEONE" }, CancellationToken.None);

        var reject = (await act.Should().ThrowAsync<AssociationRejectedException>()).Which.Reject;
        reject.Should().Be(new AssociateRejectPdu(RejectResult.Permanent, RejectSource.ServiceUser, RejectReason.CalledAeNotRecognized));
        (await server.Log.WaitForAsync("TESTSCU->SOMEONE@127.0.0.1", "rejected")).Should().BeTrue();
    }

    [Theory]
    [InlineData("")]
    [InlineData("SEVENTEEN_CHARS_X")]
    [InlineData("BACK\\SLASH")]
    public async Task Invalid_ae_titles_are_refused_before_connecting(string title)
    {
        var act = () => DicomClient.ConnectAsync(new AssociationRequestOptions
        {
            Host = "127.0.0.1",
            Port = 1,
            CallingAeTitle = title,
            PresentationContexts = [TestServer.Verification],
        }, CancellationToken.None);
        await act.Should().ThrowAsync<DicomNetworkException>().WithMessage("*AE title*");
    }

    [Fact]
    public async Task Unknown_calling_ae_and_disallowed_address_are_rejected()
    {
        await using var byAe = new TestServer(new DicomServiceHandlers(), o => o with
        {
            Policy = new AeTitlePolicy { CallingAeTitles = new HashSet<string> { "CT01" } },
        });
        var act = () => DicomClient.ConnectAsync(byAe.Request(TestServer.Verification), CancellationToken.None);
        (await act.Should().ThrowAsync<AssociationRejectedException>()).Which.Reject.Reason.Should().Be(RejectReason.CallingAeNotRecognized);

        await using var byAddress = new TestServer(new DicomServiceHandlers(), o => o with
        {
            Policy = new AeTitlePolicy { RemoteAddresses = new HashSet<IPAddress> { IPAddress.Parse("10.1.2.3") } },
        });
        act = () => DicomClient.ConnectAsync(byAddress.Request(TestServer.Verification), CancellationToken.None);
        (await act.Should().ThrowAsync<AssociationRejectedException>()).Which.Reject.Result.Should().Be(RejectResult.Permanent);
    }

    [Fact]
    public async Task Associations_beyond_the_limit_are_rejected_as_transient_local_limit_exceeded()
    {
        await using var server = new TestServer(new DicomServiceHandlers(), o => o with { MaxAssociations = 2 });
        await using var first = await server.ConnectAsync(TestServer.Verification);
        await using var second = await server.ConnectAsync(TestServer.Verification);

        var act = () => server.ConnectAsync(TestServer.Verification);
        (await act.Should().ThrowAsync<AssociationRejectedException>()).Which.Reject
            .Should().Be(new AssociateRejectPdu(RejectResult.Transient, RejectSource.ServiceProviderPresentation, RejectReason.LocalLimitExceeded));

        await first.ReleaseAsync();
        await WaitUntilAsync(() => server.Server.ActiveAssociations < 2);
        await using var third = await server.ConnectAsync(TestServer.Verification);
        (await third.EchoAsync()).Should().Be(DimseStatus.Success);
        await third.ReleaseAsync();
        await second.ReleaseAsync();
    }

    [Fact]
    public async Task User_identity_reaches_the_policy_and_a_wrong_password_is_refused()
    {
        UserIdentity? seen = null;
        await using var server = new TestServer(new DicomServiceHandlers(), o => o with
        {
            Policy = new AeTitlePolicy
            {
                AuthenticateUser = (identity, _) =>
                {
                    seen = identity;
                    return ValueTask.FromResult(identity is { Username: "tech", Passcode: "right" });
                },
            },
        });

        var wrong = () => DicomClient.ConnectAsync(
            server.Request(TestServer.Verification) with { UserIdentity = UserIdentity.FromUsernameAndPasscode("tech", "wrong") }, CancellationToken.None);
        await wrong.Should().ThrowAsync<AssociationRejectedException>();

        await using var client = await DicomClient.ConnectAsync(
            server.Request(TestServer.Verification) with { UserIdentity = UserIdentity.FromUsernameAndPasscode("tech", "right", positiveResponseRequested: true) },
            CancellationToken.None);
        (await client.EchoAsync()).Should().Be(DimseStatus.Success);
        seen!.Username.Should().Be("tech");
        seen.PositiveResponseRequested.Should().BeTrue();
        await client.ReleaseAsync();
    }

    [Fact]
    public async Task Echo_works_over_tls_with_the_configured_certificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        using var certificate = X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
        await using var server = new TestServer(new DicomServiceHandlers(), o => o with { Tls = new TlsServerOptions(certificate) });

        var thumbprint = certificate.Thumbprint;
        var tls = new TlsClientOptions("localhost") { ValidateServerCertificate = (_, cert, _, _) => cert is X509Certificate2 c && c.Thumbprint == thumbprint };
        await using var client = await DicomClient.ConnectAsync(server.Request(TestServer.Verification) with { Tls = tls }, CancellationToken.None);
        (await client.EchoAsync()).Should().Be(DimseStatus.Success);
        await client.ReleaseAsync();

        var plain = () => server.ConnectAsync(TestServer.Verification);
        await plain.Should().ThrowAsync<DicomNetworkException>("a plain client cannot talk to a TLS listener");
    }

    [Fact]
    public async Task An_idle_association_is_aborted_by_the_server()
    {
        await using var server = new TestServer(new DicomServiceHandlers(), o => o with
        {
            Timeouts = new AssociationTimeouts { Idle = TimeSpan.FromMilliseconds(300), Artim = TimeSpan.FromSeconds(2) },
        });
        await using var client = await server.ConnectAsync(TestServer.Verification);

        var end = await client.Association.Completion.WaitAsync(TimeSpan.FromSeconds(10));
        end.Should().Be(AssociationEnd.AbortedByPeer);
        (await server.Log.WaitForAsync("TESTSCU->TESTSCP", "idle")).Should().BeTrue();
        var act = () => client.EchoAsync();
        await act.Should().ThrowAsync<DicomNetworkException>();
    }

    [Fact]
    public async Task A_client_abort_is_seen_by_the_server()
    {
        await using var server = new TestServer(new DicomServiceHandlers());
        await using var client = await server.ConnectAsync(TestServer.Verification);
        await client.AbortAsync();

        (await client.Association.Completion).Should().Be(AssociationEnd.AbortedLocally);
        (await server.Log.WaitForAsync("aborted by the peer")).Should().BeTrue();
        await WaitUntilAsync(() => server.Server.ActiveAssociations == 0);
    }

    internal static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(20);
        }

        condition().Should().BeTrue();
    }
}
