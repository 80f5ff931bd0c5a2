using Xunit.Abstractions;
using ZabActors.Zab;

namespace ZabActors.Quorum.Tests;

using ZabActors.TestKit;

public sealed class EnsembleEndToEndSpec(ITestOutputHelper output) : TestKit(TestKitOptions.VirtualTime(seed: 11), output)
{
    [Fact]
    public void Three_peers_elect_a_leader_and_commit_a_write()
    {
        var ensemble = new TestEnsemble(this, 3);
        ensemble.StartAll();
        var leader = ensemble.AwaitSettled();
        var client = CreateTestProbe("client");
        client.Send(ensemble.Peers[leader], new ClientWrite(1, TestEnsemble.Payload(1)));
        var committed = client.ExpectMsg<WriteCommitted>();
        Assert.Equal(1, committed.RequestId);
    }
}
