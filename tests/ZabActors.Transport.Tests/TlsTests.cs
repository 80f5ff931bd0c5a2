using Akka.Actor;
using Akka.Actor.Setup;
using Xunit.Abstractions;
using ZabActors.Zab;
using static ZabActors.Transport.PeerTransport;

namespace ZabActors.Transport.Tests;

/// <summary>The peer port with TLS and mutual authentication.</summary>
public sealed class TlsTests(ITestOutputHelper output) : Akka.TestKit.Xunit2.TestKit(TransportConfig.Defaults, output: output)
{
    private const string Password = "peer-secret";

    [Fact]
    public void Servers_configured_for_TLS_by_HOCON_alone_talk()
    {
        using var certificates = new TestCertificates();
        // A self-signed certificate has no CA in the machine's store, so chain validation is suppressed here.
        var tls = new PeerTlsOptions(certificates.CreatePfx("zab-peer", Password), Password) { SuppressValidation = true };
        using var nodes = PeerNodes.Start(this, 2, _ => new PeerEndpointOptions("127.0.0.1", 0) { Tls = tls });
        Assert.Equal("akka.ssl.tcp", nodes[1].Address.Protocol);
        Output?.WriteLine(TransportConfig.RemoteHocon(new PeerEndpointOptions("127.0.0.1", 2888) { Tls = tls with { CertificatePath = "/etc/zab/peer.pfx", CertificatePassword = "***" } }));

        AssertTalk(nodes[1], nodes[2]);
    }

    [Fact]
    public void With_pinned_certificates_a_server_without_the_ensembles_certificate_is_not_heard()
    {
        using var certificates = new TestCertificates();
        var ensembleTls = new PeerTlsOptions(certificates.CreatePfx("zab-peer", Password), Password);
        var outsiderTls = new PeerTlsOptions(certificates.CreatePfx("outsider", Password), Password);
        var pinned = PeerTls.Thumbprint(ensembleTls.CertificatePath, Password);
        // Server 3 is in the ensemble's configuration but holds another certificate.
        Setup SetupOf(long sid) => sid == 3 ? PeerTls.PinnedSetup(outsiderTls, pinned) : PeerTls.PinnedSetup(ensembleTls, pinned);
        using var nodes = PeerNodes.Start(
            this,
            3,
            sid => new PeerEndpointOptions("127.0.0.1", 0) { Tls = sid == 3 ? outsiderTls : ensembleTls },
            setupOf: SetupOf);

        AssertTalk(nodes[1], nodes[2]);

        // Server 1 refuses server 3's client certificate during the handshake: nothing it sends is heard.
        for (var i = 0; i < 5; i++)
        {
            nodes[3].Transport.Tell(new SendElection(1, Samples.Vote(3)));
        }
        nodes[3].Transport.Tell(new Connect(1), nodes[3].Root.Ref);
        nodes[1].Root.ExpectNoMsg(TimeSpan.FromSeconds(3));

        // The servers holding the certificate are not disturbed.
        nodes[2].Transport.Tell(new SendElection(1, Samples.Vote(2)));
        Assert.Equal(new PeerEnvelope(2, Samples.Vote(2)), nodes[1].Root.ExpectMsg<PeerEnvelope>(TimeSpan.FromSeconds(10)));
    }

    private static void AssertTalk(PeerNode a, PeerNode b)
    {
        a.Transport.Tell(new SendElection(b.Sid, Samples.Vote(a.Sid)));
        Assert.Equal(new PeerEnvelope(a.Sid, Samples.Vote(a.Sid)), b.Root.ExpectMsg<PeerEnvelope>(TimeSpan.FromSeconds(15)));
        b.Transport.Tell(new SendElection(a.Sid, Samples.Vote(b.Sid)));
        Assert.Equal(new PeerEnvelope(b.Sid, Samples.Vote(b.Sid)), a.Root.ExpectMsg<PeerEnvelope>(TimeSpan.FromSeconds(15)));
        var (learnerEnd, leaderEnd) = ConnectionDriver.Open(a, b);
        ConnectionDriver.Send(b, leaderEnd, new LeaderInfo(1));
        Assert.Equal(new ConnectionMessage(learnerEnd, b.Sid, new LeaderInfo(1)), a.Root.ExpectMsg<ConnectionMessage>(TimeSpan.FromSeconds(10)));
    }
}
