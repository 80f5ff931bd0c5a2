using Microsoft.Data.Sqlite;
using Xunit.Abstractions;
using ZabActors.Actors;
using ZabActors.Zab;

namespace ZabActors.Quorum.Tests;

using ZabActors.TestKit;

/// <summary>
/// A restarted peer loads its latest snapshot, reads the log after it, knows its last logged zxid and
/// its epochs, and rejoins through election; the transactions logged after the snapshot reach its
/// state machine once they are committed. On memory storage and on SQLite files.
/// </summary>
public sealed class RestartSpec(ITestOutputHelper output) : TestKit(TestKitOptions.VirtualTime(seed: 51), output), IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("zab-quorum-test-").FullName;

    void IDisposable.Dispose()
    {
        Dispose();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Abandoned journals may still hold their files open; the OS temp cleaner gets them.
        }
    }

    [Fact]
    public void A_restarted_peer_restores_its_snapshot_knows_its_log_and_epochs_and_rejoins()
    {
        var ensemble = Ensemble();
        ensemble.StartAll();
        var leader = ensemble.AwaitSettled();
        var client = CreateTestProbe("client");
        ensemble.Commit(client, leader, 1, 25);
        // A follower with transactions logged after its latest snapshot (peers snapshot at different points).
        var follower = ensemble.Peers.Keys.First(sid =>
            sid != leader && ensemble.Storage[sid].Snapshots.LoadLatest()?.Zxid < ensemble.Storage[sid].Log.LastDurableZxid);
        ensemble.Crash(follower);
        var storage = ensemble.Storage[follower];
        var snapshot = storage.Snapshots.LoadLatest()!;

        var status = Restart(ensemble, follower);
        Assert.Equal(snapshot.Zxid, ensemble.Machines[follower].LastApplied);
        Assert.Equal(ListStateMachine.Restored(snapshot).Applied, ensemble.Machines[follower].Applied);
        Assert.Equal((1L, 1L, storage.Log.LastDurableZxid, snapshot.Zxid),
            (status.AcceptedEpoch, status.CurrentEpoch, status.LastLoggedZxid, status.LastAppliedZxid));

        Assert.Equal(leader, ensemble.AwaitSettled());
        ensemble.Commit(client, leader, 26, 5);
        Runtime.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Equal(30, ensemble.State(follower).Count);
        Assert.Equal(ensemble.State(leader), ensemble.State(follower));
    }

    [Fact]
    public void The_whole_ensemble_restarts_from_snapshots_and_logs_and_loses_nothing()
    {
        var ensemble = Ensemble();
        ensemble.StartAll();
        var client = CreateTestProbe("client");
        var acknowledged = ensemble.Commit(client, ensemble.AwaitSettled(), 1, 27).ToList();
        foreach (var sid in ensemble.Servers.Select(s => s.Id))
        {
            ensemble.Crash(sid);
        }
        ensemble.StartAll();
        var leader = ensemble.AwaitSettled();
        Assert.True(ensemble.LastState(leader)!.Epoch >= 2);
        acknowledged.AddRange(ensemble.Commit(client, leader, 28, 3));
        Runtime.Advance(TimeSpan.FromMilliseconds(100));
        Assert.All(ensemble.Peers.Keys, sid => Assert.Equal(30, ensemble.State(sid).Count));
        ensemble.AssertNoCommittedTxnLost(acknowledged);
    }

    [Fact]
    public void Peers_snapshot_at_different_points_keep_three_snapshots_and_the_log_from_the_oldest()
    {
        var ensemble = Ensemble();
        ensemble.StartAll();
        var leader = ensemble.AwaitSettled();
        var client = CreateTestProbe("client");
        ensemble.Commit(client, leader, 1, 100);
        Runtime.Advance(TimeSpan.FromMilliseconds(100));
        var history = ensemble.Machines[leader].Applied;
        var kept = new HashSet<string>();
        foreach (var sid in ensemble.Peers.Keys)
        {
            var snapshots = ensemble.Storage[sid].Snapshots.Zxids();
            Assert.Equal(3, snapshots.Count);
            kept.Add(string.Join(",", snapshots));
            var log = ensemble.Storage[sid].Log.DurableTxns();
            Assert.Equal(snapshots[0], log[0].Zxid);
            Assert.Equal(history.SkipWhile(txn => txn.Zxid < snapshots[0]), log);
        }
        Assert.True(kept.Count > 1, "every peer snapshotted at the same transactions");
    }

    [Fact]
    public void Peers_on_SQLite_restart_from_their_files_one_by_one_and_all_together()
    {
        var ensemble = Ensemble();
        var storages = ensemble.Servers.ToDictionary(s => s.Id, s => JournalStorage.OpenSqlite(Path.Combine(directory, $"server-{s.Id}")));
        foreach (var (sid, storage) in storages)
        {
            ensemble.StorageOverride[sid] = storage;
        }
        ensemble.StartAll();
        var client = CreateTestProbe("client");
        var acknowledged = ensemble.Commit(client, ensemble.AwaitSettled(), 1, 35).ToList();
        foreach (var sid in ensemble.Servers.Select(s => s.Id).OrderBy(sid => sid == ensemble.EstablishedLeader() ? 1 : 0))
        {
            var before = storages[sid];
            Assert.Equal(3, before.Journal.Snapshots.KnownZxids.Count);
            Assert.Equal(before.Journal.Snapshots.KnownZxids[^1], before.Journal.Log.FirstDurableZxid);
            ensemble.Stop(sid);
            storages[sid] = before.Reopen();
            ensemble.StorageOverride[sid] = storages[sid];
            var status = Restart(ensemble, sid);
            Assert.Equal(before.Journal.Log.LastDurableZxid, status.LastLoggedZxid);
            Assert.Equal((before.Epochs.AcceptedEpoch, before.Epochs.CurrentEpoch), (status.AcceptedEpoch, status.CurrentEpoch));
            Assert.Equal(before.Journal.Snapshots.KnownZxids[0], status.LastAppliedZxid);
            acknowledged.AddRange(ensemble.Commit(client, ensemble.AwaitSettled(), 100 + (int)sid * 10, 5));
        }

        foreach (var sid in ensemble.Servers.Select(s => s.Id))
        {
            ensemble.Stop(sid);
            storages[sid] = storages[sid].Reopen();
            ensemble.StorageOverride[sid] = storages[sid];
        }
        ensemble.StartAll();
        acknowledged.AddRange(ensemble.Commit(client, ensemble.AwaitSettled(), 200, 5));
        Runtime.Advance(TimeSpan.FromMilliseconds(100));
        Assert.All(ensemble.Peers.Keys, sid => Assert.Equal(55, ensemble.State(sid).Count));
        ensemble.AssertNoCommittedTxnLost(acknowledged);
    }

    private TestEnsemble Ensemble() => new(this, 3) { Configure = settings => settings with { SnapCount = 10 } };

    /// <summary>Starts the peer and returns its status as soon as it has read its disk, before it has heard of anyone.</summary>
    private PeerStatus Restart(TestEnsemble ensemble, long sid)
    {
        ensemble.Machines.Remove(sid);
        var peer = ensemble.Start(sid);
        Assert.True(Runtime.RunUntil(() => ensemble.Machines.ContainsKey(sid), TimeSpan.FromSeconds(1)));
        return Runtime.RunUntilCompleted(peer.Ask<PeerStatus>(GetPeerStatus.Instance), TimeSpan.FromMilliseconds(50));
    }
}
