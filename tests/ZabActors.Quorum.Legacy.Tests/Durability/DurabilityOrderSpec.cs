using Xunit.Abstractions;
using ZabActors.Zab;

namespace ZabActors.Quorum.Tests;

using ZabActors.TestKit;

/// <summary>
/// Durability before acknowledgement, checked at the moment each packet is sent (inside the sender's
/// step, so the sender's disk is exactly what it had when it decided): a follower acks a proposal
/// only once it is flushed, a leader commits only after its own write, and accepted and current
/// epochs are on disk before LEADERINFO, ACKEPOCH, NEWLEADER and the NEWLEADER ack go out.
/// </summary>
public sealed class DurabilityOrderSpec(ITestOutputHelper output) : TestKit(TestKitOptions.VirtualTime(seed: 31), output)
{
    private readonly List<string> violations = [];
    private int checks;

    [Fact]
    public void Followers_ack_after_their_flush_and_the_leader_commits_after_its_own()
    {
        var ensemble = new TestEnsemble(this, 3);
        ensemble.StartAll();
        var leader = ensemble.AwaitSettled();
        // With one follower down every commit needs the leader's own durable write.
        ensemble.Crash(ensemble.Peers.Keys.First(sid => sid != leader));
        ensemble.Network.OnSend = (from, packet) =>
        {
            switch (packet)
            {
                case Ack { Zxid.IsEpochStart: false } ack:
                    Check(ensemble.Storage[from].Log.LastDurableZxid >= ack.Zxid, $"server {from} acked {ack.Zxid} before flushing it");
                    break;
                case Commit commit:
                    Check(ensemble.Storage[from].Log.LastDurableZxid >= commit.Zxid, $"leader {from} committed {commit.Zxid} before flushing it");
                    break;
            }
        };
        var client = CreateTestProbe("client");
        ensemble.Commit(client, leader, 1, 50);
        Assert.Empty(violations);
        Assert.True(checks >= 100, $"only {checks} packets checked");
    }

    [Fact]
    public void Accepted_and_current_epochs_are_durable_before_the_peer_acts_on_them()
    {
        var ensemble = new TestEnsemble(this, 3);
        ensemble.Network.OnSend = (from, packet) => CheckEpochs(ensemble, from, packet);
        ensemble.StartAll();
        var client = CreateTestProbe("client");
        for (var round = 1; round <= 3; round++)
        {
            var leader = ensemble.AwaitSettled();
            ensemble.Commit(client, leader, round, 1);
            ensemble.Crash(leader);
            ensemble.AwaitSettled();
            ensemble.Start(leader);
        }
        ensemble.AwaitSettled();
        Assert.Empty(violations);
        // Three elections after the first: LEADERINFO, NEWLEADER and two learners' ACKEPOCH and NEWLEADER acks each.
        Assert.True(checks >= 4 * 6, $"only {checks} packets checked");
    }

    private void CheckEpochs(TestEnsemble ensemble, long from, QuorumPacket packet)
    {
        var epochs = ensemble.Storage[from].Epochs;
        switch (packet)
        {
            case LeaderInfo info:
                Check(epochs.AcceptedEpoch == info.NewEpoch, $"leader {from} sent {info} with accepted epoch {epochs.AcceptedEpoch} on disk");
                break;
            case NewLeader newLeader:
                Check(epochs.CurrentEpoch == newLeader.Zxid.Epoch, $"leader {from} sent {newLeader} with current epoch {epochs.CurrentEpoch} on disk");
                break;
            case AckEpoch ackEpoch:
                var proposed = ensemble.Network.SentTo(from)[^1].OfType<LeaderInfo>().First().NewEpoch;
                Check(epochs.AcceptedEpoch == proposed, $"server {from} sent {ackEpoch} with accepted epoch {epochs.AcceptedEpoch} on disk, not {proposed}");
                break;
            case Ack { Zxid.IsEpochStart: true } ack:
                Check(epochs.CurrentEpoch == ack.Zxid.Epoch, $"server {from} acked {ack.Zxid} with current epoch {epochs.CurrentEpoch} on disk");
                break;
        }
    }

    private void Check(bool holds, string violation)
    {
        checks++;
        if (!holds)
        {
            violations.Add(violation);
        }
    }
}
