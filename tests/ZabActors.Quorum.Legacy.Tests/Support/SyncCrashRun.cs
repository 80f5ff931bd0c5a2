using System.Globalization;
using ZabActors.Actors;
using ZabActors.Zab;

namespace ZabActors.Quorum.Tests;

using ZabActors.TestKit;

/// <summary>
/// One run of a crash-injection scenario, in a deterministic kit of its own so that every crash point
/// replays the same run up to that point: a 3-voter ensemble, a client that keeps every reply, and one
/// learner on a <see cref="CrashingPeerStorage"/>. While it runs it checks, at the moment each learner
/// acknowledges NEWLEADER or UPTODATE, that the new current epoch and everything the leader sent in
/// sync (SNAP included) are durable (ZOOKEEPER-3911/4646/4643/3642), and at the end that no committed
/// transaction was lost, that the peers agree, and that no learner acked a proposal before NEWLEADER
/// (ZOOKEEPER-4685).
/// </summary>
internal sealed class SyncCrashRun : IDisposable
{
    private readonly List<string> violations = [];
    private long currentEpochAtArm;

    public SyncCrashRun(ulong seed, ZabTiming timing)
    {
        Kit = new TestKit(TestKitOptions.VirtualTime(seed));
        Timeline = new Timeline();
        Ensemble = new TestEnsemble(Kit, timing, Timeline, 3);
        (Client, Replies) = ReplySink.Start(Kit.Sys, "client");
        Ensemble.Network.OnSend = (from, packet) =>
        {
            CheckDurableBeforeAck(from, packet);
            OnPacket?.Invoke(from, packet);
        };
    }

    /// <summary>The scenario's own hook on every packet sent (e.g. to write while a sync is under way).</summary>
    public Action<long, QuorumPacket>? OnPacket { get; set; }

    public TestKit Kit { get; }

    public Timeline Timeline { get; }

    public TestEnsemble Ensemble { get; }

    public IActorRef Client { get; }

    public List<object> Replies { get; }

    public DeterministicRuntime Runtime => Kit.Runtime;

    public CrashingPeerStorage? Disk { get; private set; }

    public void Dispose() => Kit.Dispose();

    /// <summary>The two followers of <paramref name="leader"/>, lower sid first.</summary>
    public (long X, long Y) Followers(long leader)
    {
        var followers = Ensemble.Servers.Select(s => s.Id).Where(sid => sid != leader).Order().ToList();
        return (followers[0], followers[1]);
    }

    public void Write(long sid, int id) => Ensemble.Peers[sid].Tell(new ClientWrite(id, TestEnsemble.Payload(id)), Client);

    /// <summary>Writes <paramref name="count"/> requests through <paramref name="sid"/> and waits until every one is committed.</summary>
    public void Commit(long sid, int first, int count)
    {
        var ids = Enumerable.Range(first, count).ToList();
        ids.ForEach(id => Write(sid, id));
        bool Answered() => ids.All(id => Reply(id) is not null);
        Assert.True(Runtime.RunUntil(Answered, TimeSpan.FromSeconds(30)), $"writes {first}..{first + count - 1} were not answered");
        Assert.All(ids, id => Assert.IsType<WriteCommitted>(Reply(id)));
    }

    /// <summary>The learner restarts on a crashing view of its storage, which counts durable operations from now on.</summary>
    public CrashingPeerStorage Arm(long learner, CrashPoint? point, bool failOnCrash = true)
    {
        currentEpochAtArm = Ensemble.Storage[learner].Epochs.CurrentEpoch;
        Disk = new CrashingPeerStorage(learner, Ensemble.Storage[learner], Timeline) { FailOnCrash = failOnCrash };
        Disk.Arm(point);
        Ensemble.StorageOverride[learner] = Disk;
        return Disk;
    }

    /// <summary>The learner's later incarnations use its plain storage.</summary>
    public void Disarm() => Ensemble.StorageOverride.Remove(Disk!.Sid);

    /// <summary>Runs until the crash point is reached (true) or every running peer is in broadcast (false).</summary>
    public bool RunUntilCrashOrSettled()
    {
        var done = Runtime.RunUntil(() => Disk!.Crashed || Ensemble.Settled(), TimeSpan.FromSeconds(60));
        Assert.True(done, $"neither crashed nor settled: {string.Join("; ", Ensemble.Peers.Keys.Select(sid => $"{sid}: {Ensemble.LastState(sid)}"))}");
        return Disk!.Crashed;
    }

    /// <summary>
    /// Once the learner is in broadcast: <paramref name="count"/> more writes through the leader, which the
    /// learner logs after its NEWLEADER ack; runs until the crash point (true) or until all are answered.
    /// </summary>
    public bool WriteUntilCrash(long leader, int first, int count)
    {
        var ids = Enumerable.Range(first, count).ToList();
        ids.ForEach(id => Write(leader, id));
        var done = Runtime.RunUntil(() => Disk!.Crashed || ids.All(id => Reply(id) is not null), TimeSpan.FromSeconds(30));
        Assert.True(done, $"writes {first}..{first + count - 1} were neither answered nor crashed");
        return Disk!.Crashed;
    }

    /// <summary>
    /// ZOOKEEPER-4643, checked on what a crash left on disk: a current epoch the sync made durable
    /// claims the leader's whole NEWLEADER history, so the log (or snapshot) must hold all of it.
    /// </summary>
    public void AssertDurableEpochCoversHistory(long sid)
    {
        var storage = Ensemble.Storage[sid];
        var session = Ensemble.Network.SentTo(sid).LastOrDefault() ?? [];
        if (session.OfType<LeaderInfo>().FirstOrDefault() is not { } info || storage.Epochs.CurrentEpoch != info.NewEpoch
            || currentEpochAtArm == info.NewEpoch)
        {
            // Only an epoch this sync made current claims the sync's history.
            return;
        }
        var newLeaderAt = session.ToList().FindIndex(p => p is NewLeader);
        Assert.True(newLeaderAt >= 0, $"server {sid} made epoch {info.NewEpoch} current before NEWLEADER");
        var required = SyncedUpTo(session.Take(newLeaderAt));
        Assert.True(DurableUpTo(storage) >= required,
            $"server {sid} has current epoch {info.NewEpoch} on disk but its history ends at {DurableUpTo(storage)}, before {required}");
    }

    /// <summary>A final write through the leader, then Zab's safety properties on every running peer.</summary>
    public void Finish(int finalWrite)
    {
        var leader = Ensemble.AwaitSettled();
        Commit(leader, finalWrite, 1);
        Runtime.Advance(TimeSpan.FromMilliseconds(Ensemble.Timing.TickTimeMs));
        Ensemble.AssertNoCommittedTxnLost(ReplySink.Committed(Replies));
        AssertNoProposalAckedBeforeNewLeader();
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }

    /// <summary>Parses the zxid out of a recorded operation such as "flush to 0x100000003"; null when it names none.</summary>
    public static Zxid? ZxidOf(string operation)
    {
        var at = operation.LastIndexOf("0x", StringComparison.Ordinal);
        return at < 0 ? null : new Zxid(long.Parse(operation[(at + 2)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture));
    }

    private object? Reply(long id)
    {
        lock (Replies)
        {
            return Replies.LastOrDefault(r => r is WriteCommitted c && c.RequestId == id || r is WriteFailed f && f.RequestId == id);
        }
    }

    /// <summary>
    /// A learner's Ack of a proposal needs that proposal durable; its Ack of an epoch start (NEWLEADER,
    /// then UPTODATE) needs the new current epoch and every transaction and snapshot of the sync
    /// durable first. Runs inside the learner's step, so the disk is as it was when the learner decided.
    /// </summary>
    private void CheckDurableBeforeAck(long from, QuorumPacket packet)
    {
        if (packet is not Ack ack || !Ensemble.Storage.TryGetValue(from, out var storage))
        {
            return;
        }
        if (!ack.Zxid.IsEpochStart)
        {
            if (DurableUpTo(storage) < ack.Zxid)
            {
                violations.Add($"server {from} acked {ack.Zxid} with its log durable only to {DurableUpTo(storage)}");
            }
            return;
        }
        var session = Ensemble.Network.SentTo(from).LastOrDefault() ?? [];
        var newLeaderAt = session.ToList().FindIndex(p => p is NewLeader);
        if (newLeaderAt < 0)
        {
            violations.Add($"server {from} sent {ack} before NEWLEADER");
            return;
        }
        if (storage.Epochs.CurrentEpoch != ack.Zxid.Epoch)
        {
            violations.Add($"server {from} sent {ack} with current epoch {storage.Epochs.CurrentEpoch} on disk");
        }
        var required = SyncedUpTo(session.Take(newLeaderAt));
        if (DurableUpTo(storage) < required)
        {
            violations.Add($"server {from} sent {ack} with its history durable only to {DurableUpTo(storage)}, not {required}");
        }
    }

    /// <summary>ZOOKEEPER-4685: on every learner connection the first Ack is NEWLEADER's.</summary>
    private void AssertNoProposalAckedBeforeNewLeader()
    {
        foreach (var server in Ensemble.Servers)
        {
            foreach (var session in Ensemble.Network.SentBy(server.Id))
            {
                if (session.OfType<Ack>().FirstOrDefault() is { } first)
                {
                    Assert.True(first.Zxid.IsEpochStart, $"server {server.Id} acked proposal {first.Zxid} before NEWLEADER");
                }
            }
        }
    }

    private static Zxid SyncedUpTo(IEnumerable<QuorumPacket> sync) =>
        sync.Select(p => p switch
        {
            Proposal proposal => proposal.Txn.Zxid,
            Snap snap => snap.Snapshot.Zxid,
            _ => Zxid.Zero,
        }).DefaultIfEmpty(Zxid.Zero).Max();

    private static Zxid DurableUpTo(InMemoryPeerStorage storage) =>
        Zxid.Max(storage.Log.LastDurableZxid, storage.Snapshots.LoadLatest()?.Zxid ?? Zxid.Zero);
}
