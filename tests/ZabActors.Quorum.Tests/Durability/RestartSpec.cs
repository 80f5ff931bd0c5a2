using Akka.Actor;
using Akka.Configuration;
using Xunit.Abstractions;
using ZabActors.Zab;

namespace ZabActors.Quorum.Tests;

/// <summary>Peers on Akka.Persistence.Sql with SQLite files: history survives restarts; unreadable storage stops the peer.</summary>
public sealed class RestartSpec(ITestOutputHelper output) : Akka.TestKit.Xunit2.TestKit(output: output), IDisposable
{
    private readonly string dataDir = Directory.CreateTempSubdirectory("zab-quorum-").FullName;

    [Fact]
    public void A_restarted_follower_and_a_restarted_ensemble_keep_every_committed_write()
    {
        long[] all = [1, 2, 3];
        using var ensemble = RemoteEnsemble.Start(3, dataDir);
        var leader = AwaitLeader(ensemble, all);
        var client = CreateTestProbe("client");
        var zxids = new List<Zxid>();
        void Write(long via, int id)
        {
            ensemble[via].Peer.Tell(new ClientWrite(id, [(byte)id]), client.Ref);
            zxids.Add(client.ExpectMsg<WriteCommitted>(TimeSpan.FromSeconds(5)).Zxid);
        }
        Write(leader, 1);
        Write(leader, 2);

        var follower = all.First(sid => sid != leader);
        ensemble.Kill(follower);
        Write(leader, 3);
        ensemble.Restart(follower);
        AwaitAssert(() => Assert.Equal(zxids, ensemble[follower].Machine.Applied.Select(t => t.Zxid).ToArray()),
            TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(100));

        foreach (var sid in all)
        {
            ensemble.Kill(sid);
        }
        foreach (var sid in all)
        {
            ensemble.Restart(sid);
        }
        var next = AwaitLeader(ensemble, all, TimeSpan.FromSeconds(15));
        Write(next, 4);
        Assert.True(zxids[^1].Epoch > zxids[^2].Epoch, $"{zxids[^1]} after {zxids[^2]}");
        AwaitAssert(() =>
        {
            foreach (var sid in all)
            {
                Assert.Equal(zxids, ensemble[sid].Machine.Applied.Select(t => t.Zxid).ToArray());
                Assert.Equal(zxids[^1], ensemble[sid].Status().LastLoggedZxid);
            }
        }, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Unreadable_storage_stops_the_peer_and_publishes_PeerStorageFailed()
    {
        var config = ConfigurationFactory.ParseString($$"""
            akka.persistence.journal.sql.connection-string = "Data Source={{Path.Combine(dataDir, "missing", "zab.db")}};Mode=ReadWrite"
            akka.persistence.snapshot-store.sql.connection-string = "Data Source={{Path.Combine(dataDir, "missing", "zab.db")}};Mode=ReadWrite"
            akka.persistence.journal.sql.auto-initialize = false
            akka.persistence.snapshot-store.sql.auto-initialize = false
            """).WithFallback(QuorumConfig.Defaults);
        using var system = ActorSystem.Create("broken", config);
        var failures = CreateTestProbe(system);
        system.EventStream.Subscribe(failures.Ref, typeof(PeerStorageFailed));
        var settings = new QuorumPeerSettings(1, TestTiming.Servers(1), TestTiming.Timing) { TxnLogDispatcher = "zab.actor.default-dispatcher" };
        var peer = system.ActorOf(QuorumPeerActor.Props(settings, () => new ListStateMachine()), "peer");
        failures.Watch(peer);
        var failed = failures.ExpectMsg<PeerStorageFailed>(TimeSpan.FromSeconds(20));
        Assert.Equal(1, failed.Sid);
        Output?.WriteLine(failed.Reason);
        failures.ExpectTerminated(peer, TimeSpan.FromSeconds(5));
    }

    private long AwaitLeader(RemoteEnsemble ensemble, long[] live, TimeSpan? within = null)
    {
        long? leader = null;
        AwaitAssert(() =>
        {
            leader = ensemble.AgreedLeader(live);
            Assert.NotNull(leader);
            Assert.All(live, sid => Assert.Equal(ensemble[leader!.Value].Status().CurrentEpoch, ensemble[sid].Status().CurrentEpoch));
        }, within ?? TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(100));
        return leader!.Value;
    }

    void IDisposable.Dispose()
    {
        base.Dispose();
        try
        {
            Directory.Delete(dataDir, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold a pooled connection; the temp directory is the OS's to clean.
        }
    }
}
