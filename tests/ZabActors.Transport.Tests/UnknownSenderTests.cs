using Akka.Actor;
using Akka.Event;
using Xunit.Abstractions;
using ZabActors.Transport.Wire;
using static ZabActors.Transport.PeerTransport;

namespace ZabActors.Transport.Tests;

/// <summary>Only configured servers are heard: strangers and impostors are dropped with a rate-limited Warning.</summary>
public sealed class UnknownSenderTests(ITestOutputHelper output) : Akka.TestKit.Xunit2.TestKit(TransportConfig.Defaults, output: output)
{
    [Fact]
    public void Traffic_from_an_unconfigured_address_is_dropped_and_warned_about_once_per_interval()
    {
        using var nodes = PeerNodes.Start(this, 2);
        var warnings = CreateTestProbe(nodes[1].System);
        nodes[1].System.EventStream.Subscribe(warnings.Ref, typeof(Warning));

        // A process that believes it is server 9 of an ensemble that server 1 does not share.
        var stranger = nodes.StartStranger(new PeerEndpointOptions("127.0.0.1", 0));
        var strangerAddress = ((ExtendedActorSystem)stranger).Provider.DefaultAddress;
        var strangerRoot = CreateTestProbe(stranger);
        var strangerEnsemble = new Dictionary<long, Address> { [9] = strangerAddress, [1] = nodes[1].Address };
        var strangerTransport = stranger.ActorOf(PeerTransportActor.Props(strangerRoot.Ref, 9, 1, strangerEnsemble), PeerNodes.TransportName);
        strangerTransport.Tell(new SendElection(1, Samples.Vote(9)));
        strangerTransport.Tell(new Connect(1), strangerRoot.Ref);

        // An impostor: frames claiming to be server 2 from the stranger's address.
        var serverOne = ConnectionTests.RemoteTransportOf(stranger, nodes[1]);
        for (var i = 0; i < 5; i++)
        {
            serverOne.Tell(new ElectionDatagram(2, 1, Samples.Vote(2)), strangerTransport);
        }
        serverOne.Tell(new OpenConnection(2, 1, new ConnectionKey(2, 1, 1)), strangerTransport);

        var warning = warnings.FishForMessage<Warning>(w => w.Message.ToString()!.Contains("not that server's configured address"), TimeSpan.FromSeconds(10));
        Assert.Contains(strangerAddress.ToString(), warning.Message.ToString());
        var more = 0;
        for (var deadline = DateTime.UtcNow.AddSeconds(1); DateTime.UtcNow < deadline;)
        {
            if (warnings.ReceiveOne(TimeSpan.FromMilliseconds(100)) is Warning w && w.Message.ToString()!.Contains("not that server's configured address"))
            {
                more++;
            }
        }
        Assert.Equal(0, more);
        nodes[1].Root.ExpectNoMsg(TimeSpan.FromMilliseconds(300));

        nodes[1].Transport.Tell(GetStats.Instance, TestActor);
        Assert.True(ExpectMsg<Stats>().Dropped >= 8);

        // Configured servers are still heard.
        nodes[2].Transport.Tell(new SendElection(1, Samples.Vote(2)));
        Assert.Equal(new PeerEnvelope(2, Samples.Vote(2)), nodes[1].Root.ExpectMsg<PeerEnvelope>(TimeSpan.FromSeconds(10)));
    }
}
