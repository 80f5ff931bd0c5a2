namespace ZabActors.Zab.Tests;

/// <summary>A leader's machines and its learners' machines, wired through <see cref="Ensemble"/>, commit transactions together.</summary>
public class EndToEndTests
{
    private static readonly QuorumMaj ThreeVotersOneObserver = new([1, 2, 3], [4]);

    private static string[] Data(IEnumerable<Txn> txns) => txns.Select(t => $"{t.Zxid}={t.Data.ToUtf8()}").ToArray();

    [Fact]
    public void Fresh_ensemble_should_establish_epoch_one_and_commit_writes_everywhere_in_order()
    {
        var disks = new Dictionary<long, MemoryDisk> { [1] = new(), [2] = new(), [3] = new() };
        var ensemble = new Ensemble(1, new QuorumMaj([1, 2, 3]), disks);
        ensemble.Start();

        Assert.True(ensemble.Discovery.IsEstablished);
        Assert.All(ensemble.Sessions.Values, s => Assert.True(s.IsBroadcasting));
        Assert.All(disks.Values, d => Assert.Equal((1, 1), (d.AcceptedEpoch, d.CurrentEpoch)));

        ensemble.Propose("a");
        ensemble.Propose("b");
        ensemble.ClientWrite(2, "from follower 2");
        ensemble.Propose("c");

        var expected = new[] { "0x100000001=a", "0x100000002=b", "0x100000003=from follower 2", "0x100000004=c" };
        Assert.All(disks.Values, d => Assert.Equal(expected, Data(d.Applied)));
        Assert.All(disks.Values, d => Assert.Equal(expected, Data(d.Log)));
        Assert.Equal(0, ensemble.Tracker.OutstandingCount);
        Assert.Empty(ensemble.Events.OfType<ProtocolViolation>());
    }

    [Fact]
    public void Recovering_ensemble_should_diff_truncate_and_snapshot_learners_into_one_history()
    {
        var leaderLog = new[] { Z.T(1, 1), Z.T(1, 2), Z.T(1, 3) };
        var disks = new Dictionary<long, MemoryDisk>
        {
            [1] = MemoryDisk.With(1, leaderLog, applied: 2),
            [2] = MemoryDisk.With(1, leaderLog.Take(1), applied: 1),
            [3] = MemoryDisk.With(1, [.. leaderLog, Z.T(1, 4, "never committed")], applied: 2),
            [4] = new(),
        };
        var ensemble = new Ensemble(1, ThreeVotersOneObserver, disks);
        ensemble.Start();

        Assert.Equal(SyncKind.Diff, ensemble.Syncs[2].SyncKind);
        Assert.Equal(SyncKind.Trunc, ensemble.Syncs[3].SyncKind);
        Assert.Equal(SyncKind.Snap, ensemble.Syncs[4].SyncKind);
        var history = Data(leaderLog);
        Assert.All(disks.Values, d => Assert.Equal(history, Data(d.Applied)));

        ensemble.Propose("x");
        ensemble.ClientWrite(4, "from observer 4");

        var expected = history.Concat(["0x200000001=x", "0x200000002=from observer 4"]).ToArray();
        Assert.All(disks.Values, d => Assert.Equal(expected, Data(d.Applied)));
        Assert.All(disks.Values, d => Assert.Equal(2, d.CurrentEpoch));
        Assert.Equal(expected, Data(disks[3].Log));
        Assert.Equal(Z.X(1, 2), disks[4].Snapshot!.Zxid);
        Assert.Empty(ensemble.Events.OfType<ProtocolViolation>());
    }

    [Fact]
    public void Synced_ensemble_should_stay_up_while_pings_flow_every_tick()
    {
        var disks = new Dictionary<long, MemoryDisk> { [1] = new(), [2] = new(), [3] = new() };
        var ensemble = new Ensemble(1, new QuorumMaj([1, 2, 3]), disks);
        ensemble.Start();

        for (var tick = 0; tick < 5 * Z.Timing.SyncLimitTicks; tick++)
        {
            ensemble.TickAll();
        }
        ensemble.Propose("after a while");

        Assert.Empty(ensemble.Events.OfType<LeadershipEnded>());
        Assert.Empty(ensemble.Events.OfType<LeaderLost>());
        Assert.Empty(ensemble.Events.OfType<ProtocolViolation>());
        Assert.All(disks.Values, d => Assert.Single(d.Applied));
    }
}
