using Microsoft.Data.Sqlite;
using Xunit.Abstractions;
using ZabActors.Actors;
using ZabActors.Persistence.Zab;
using ZabActors.Zab;

namespace ZabActors.Quorum.Tests;

using ZabActors.TestKit;

/// <summary>
/// A peer whose storage cannot be opened or read never joins the ensemble with a partial history:
/// it logs why, publishes <see cref="PeerStorageFailed"/> and stops, before it has sent a single vote.
/// </summary>
public sealed class StorageFailureSpec(ITestOutputHelper output) : TestKit(TestKitOptions.VirtualTime(seed: 41), output), IDisposable
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
            // An abandoned journal may still hold its files open; the OS temp cleaner gets them.
        }
    }

    [Fact]
    public void A_peer_whose_storage_cannot_be_read_stops_before_it_joins()
    {
        var ensemble = new TestEnsemble(this, 3);
        ensemble.StorageOverride[1] = new LazyPeerStorage(() => throw new IOException("disk /data/zab is not mounted"));
        var failed = AwaitStopped(ensemble, 1);
        Assert.Contains("disk /data/zab is not mounted", failed.Reason);
        Assert.Equal(0, ensemble.Network.NotificationsFrom(1));

        ensemble.Start(2);
        ensemble.Start(3);
        ensemble.AwaitSettled();
        Assert.Equal(0, ensemble.Network.NotificationsFrom(1));
    }

    [Fact]
    public void A_corrupt_SQLite_journal_stops_the_peer_with_the_cause()
    {
        File.WriteAllText(Path.Combine(directory, "journal.db"), "this is not an SQLite database, it was overwritten by mistake");
        var ensemble = new TestEnsemble(this, 3);
        ensemble.StorageOverride[1] = new LazyPeerStorage(() => JournalStorage.OpenSqlite(directory));
        var failed = AwaitStopped(ensemble, 1);
        Assert.Contains("zab-server", failed.Reason);
        Assert.Contains("journal", failed.Reason);
        Assert.Equal(0, ensemble.Network.NotificationsFrom(1));
        Assert.Throws<PeerStorageOpenException>(() => JournalStorage.OpenSqlite(directory));
    }

    [Fact]
    public void A_snapshot_the_state_machine_cannot_restore_stops_the_peer()
    {
        var ensemble = new TestEnsemble(this, 3);
        ensemble.Storage[1].Snapshots.Save(new Snapshot(Zxid.Make(1, 5), Bytes.FromUtf8("garbage")));
        var failed = AwaitStopped(ensemble, 1);
        Assert.Contains("restoring the state machine from snapshot 0x100000005 failed", failed.Reason);
        Assert.Equal(0, ensemble.Network.NotificationsFrom(1));
    }

    [Fact]
    public void A_follower_whose_disk_fails_stops_once_it_cannot_read_its_storage()
    {
        var ensemble = new TestEnsemble(this, 3);
        ensemble.StartAll();
        var leader = ensemble.AwaitSettled();
        var follower = ensemble.Peers.Keys.First(sid => sid != leader);
        ensemble.Crash(follower);
        var disk = new CrashingPeerStorage(follower, ensemble.Storage[follower]);
        ensemble.StorageOverride[follower] = disk;
        ensemble.Start(follower);
        ensemble.AwaitSettled();
        disk.Arm(new CrashPoint(0, After: false));
        var peer = ensemble.Peers[follower];
        Watch(peer);
        var client = CreateTestProbe("client");
        ensemble.Commit(client, leader, 1, 3);
        ExpectTerminated(peer, TimeSpan.FromSeconds(10));
        Assert.Contains(ensemble.Events.OfType<PeerStorageFailed>(), e => e.Sid == follower && e.Reason.Contains("crashed"));
        Assert.Equal(ServerState.Leading, ensemble.LastState(leader)!.State);
    }

    [Fact]
    public void A_txn_log_dispatcher_that_is_not_configured_fails_the_peer_at_start()
    {
        var ensemble = new TestEnsemble(this, 3)
        {
            Configure = settings => settings with { TxnLogDispatcher = "zab.actor.no-such-dispatcher" },
        };
        var peer = ensemble.Start(1);
        Watch(peer);
        ExpectTerminated(peer);
        Assert.Equal(0, ensemble.Network.NotificationsFrom(1));
    }

    private PeerStorageFailed AwaitStopped(TestEnsemble ensemble, long sid)
    {
        var peer = ensemble.Start(sid);
        Watch(peer);
        ExpectTerminated(peer, TimeSpan.FromSeconds(5));
        ensemble.Peers.Remove(sid);
        return Assert.Single(ensemble.Events.OfType<PeerStorageFailed>(), e => e.Sid == sid);
    }
}
