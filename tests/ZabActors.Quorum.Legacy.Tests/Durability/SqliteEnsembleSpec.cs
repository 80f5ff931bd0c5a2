using Microsoft.Data.Sqlite;
using Xunit.Abstractions;
using ZabActors.Actors;
using ZabActors.Zab;

namespace ZabActors.Quorum.Tests;

using ZabActors.TestKit;

/// <summary>
/// The durable ensemble end to end on the real thread-pool runtime: three peers on SQLite files
/// (JournalPeerStorage, one directory each), 10,000 pipelined writes, and while they go on each peer
/// crashes in turn, the leader last: it is stopped, its storage abandoned without a flush or a close,
/// its files opened anew, and it restarts and rejoins under load. Every peer must end with one
/// history holding every write, and each peer's files must replay (latest snapshot, then the log after
/// it) to that same history. It waits on messages, never on the clock.
/// </summary>
public sealed class SqliteEnsembleSpec : TestKit, IDisposable
{
    private const int Writes = 10_000;
    private const int Window = 400;

    private readonly string directory = Directory.CreateTempSubdirectory("zab-quorum-test-").FullName;
    private readonly ITestOutputHelper output;
    private readonly InProcessQuorumNetwork network = new();
    private readonly IReadOnlyList<QuorumServer> servers = TestTiming.Servers(3);
    private readonly Dictionary<long, JournalStorage> storages = [];
    private readonly Dictionary<long, IActorRef> peers = [];
    private readonly Dictionary<long, ListStateMachine> machines = [];
    private readonly Dictionary<int, long> sentTo = [];
    private readonly List<object> established;
    private readonly TestProbe client;
    private int generation;
    private int roundRobin;

    public SqliteEnsembleSpec(ITestOutputHelper output) : base(TestKitOptions.Default with { DefaultTimeout = TimeSpan.FromSeconds(30) })
    {
        this.output = output;
        client = CreateTestProbe("client");
        IActorRef tracker;
        (tracker, established) = ReplySink.Start(Sys, "leaders");
        Sys.EventStream.Subscribe(tracker, typeof(LeaderEstablishedEvent));
    }

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
    public void Three_peers_on_SQLite_keep_one_history_through_10000_pipelined_writes_and_a_crash_of_each()
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        foreach (var server in servers)
        {
            storages[server.Id] = JournalStorage.OpenSqlite(Path.Combine(directory, $"server-{server.Id}"));
            Start(server.Id);
        }
        var committed = Drive(crashAt: [2_500, 5_000, 7_500]);
        var history = AwaitOneHistory();
        output.WriteLine($"{Writes} writes, {history.Count} txns, 3 crashes in {started.ElapsedMilliseconds} ms");

        var payloads = history.Select(TestEnsemble.Text).ToHashSet();
        Assert.All(Enumerable.Range(1, Writes), id => Assert.Contains($"write-{id}", payloads));
        var byZxid = history.ToDictionary(txn => txn.Zxid);
        Assert.All(committed, c => Assert.Equal($"write-{c.Key}", TestEnsemble.Text(byZxid[c.Value])));
        foreach (var sid in storages.Keys)
        {
            Assert.Equal(history, Replay(storages[sid].Reopen()));
        }
    }

    /// <summary>Keeps <see cref="Window"/> writes in flight until all are committed, crashing a peer at each threshold.</summary>
    private Dictionary<int, Zxid> Drive(int[] crashAt)
    {
        var committed = new Dictionary<int, Zxid>();
        var inFlight = new HashSet<int>();
        var crashed = new List<long>();
        var next = 1;
        while (committed.Count < Writes)
        {
            while (inFlight.Count < Window && next <= Writes)
            {
                inFlight.Add(next);
                Send(next++);
            }
            if (crashed.Count < crashAt.Length && committed.Count >= crashAt[crashed.Count])
            {
                var victim = CrashAndRestart(crashed);
                crashed.Add(victim);
                // Writes still queued at the crashed process die with it unanswered, as on a lost
                // connection: the client sends them again (they may commit twice).
                inFlight.Where(id => sentTo[id] == victim).ToList().ForEach(RetrySoon);
            }
            switch (client.ReceiveOne(TimeSpan.FromSeconds(30)))
            {
                case WriteCommitted done when inFlight.Remove((int)done.RequestId):
                    committed[(int)done.RequestId] = done.Zxid;
                    break;
                case WriteFailed failed when inFlight.Contains((int)failed.RequestId):
                    // No leader for the moment (a crash, an election): try again shortly, through another peer.
                    RetrySoon((int)failed.RequestId);
                    break;
                case Retry retry when inFlight.Contains(retry.Id):
                    Send(retry.Id);
                    break;
                case null:
                    throw new Xunit.Sdk.XunitException(
                        $"no reply for 30 s with {committed.Count} writes committed; waiting for {string.Join(", ", inFlight.Take(10).Select(id => $"{id} (sent to {sentTo[id]})"))}: {Statuses()}");
            }
        }
        Assert.Equal(servers.Select(s => s.Id).Order(), crashed.Order());
        return committed;
    }

    /// <summary>Crashes a follower not crashed yet, or (the last time) the leader; restarts it on its reopened files.</summary>
    private long CrashAndRestart(List<long> crashed)
    {
        var leader = CurrentLeader();
        var victim = crashed.Count == servers.Count - 1 ? leader : peers.Keys.Order().First(sid => sid != leader && !crashed.Contains(sid));
        var peer = peers[victim];
        peers.Remove(victim);
        Watch(peer);
        Sys.Stop(peer);
        ExpectTerminated(peer);
        output.WriteLine($"crashed server {victim} (leader {leader})");
        storages[victim] = storages[victim].Reopen();
        Start(victim);
        return victim;
    }

    private void Start(long sid)
    {
        var settings = new QuorumPeerSettings(sid, servers, TestTiming.Timing);
        peers[sid] = Sys.ActorOf(QuorumPeerActor.Props(settings, storages[sid], network, () =>
        {
            var machine = new ListStateMachine();
            lock (machines)
            {
                machines[sid] = machine;
            }
            return machine;
        }), $"peer{sid}-{++generation}");
    }

    private void Send(int id)
    {
        var targets = peers.Keys.Order().ToList();
        var target = targets[roundRobin++ % targets.Count];
        sentTo[id] = target;
        client.Send(peers[target], new ClientWrite(id, TestEnsemble.Payload(id)));
    }

    private void RetrySoon(int id) =>
        Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromMilliseconds(20), client.Ref, new Retry(id), null);

    private long CurrentLeader()
    {
        lock (established)
        {
            return established.OfType<LeaderEstablishedEvent>().Last().Sid;
        }
    }

    /// <summary>Waits until every peer applied and logged the same last transaction, stops them, and returns their one history.</summary>
    private List<Txn> AwaitOneHistory()
    {
        AwaitAssert(() =>
        {
            var statuses = peers.Values.Select(peer => peer.Ask<PeerStatus>(GetPeerStatus.Instance).Result).ToList();
            Assert.All(statuses, s => Assert.Equal((statuses[0].LastAppliedZxid, statuses[0].LastAppliedZxid), (s.LastAppliedZxid, s.LastLoggedZxid)));
        }, TimeSpan.FromSeconds(30));
        foreach (var peer in peers.Values)
        {
            Watch(peer);
            Sys.Stop(peer);
            ExpectTerminated(peer);
        }
        lock (machines)
        {
            var history = machines[servers[0].Id].Applied.ToList();
            Assert.All(machines.Values, machine => Assert.Equal(history, machine.Applied));
            return history;
        }
    }

    /// <summary>What a restart would rebuild from the files: the latest snapshot, then the log after it.</summary>
    private static IReadOnlyList<Txn> Replay(JournalStorage storage)
    {
        var machine = new ListStateMachine();
        if (storage.Snapshots.LoadLatest() is { } snapshot)
        {
            machine.Restore(snapshot);
        }
        foreach (var txn in storage.Log.ReadAfter(machine.LastApplied))
        {
            machine.Apply(txn);
        }
        return machine.Applied;
    }

    private string Statuses() => string.Join("; ", peers.Select(p => $"{p.Key}: {p.Value.Ask<PeerStatus>(GetPeerStatus.Instance).Result}"));

    private sealed record Retry(int Id);
}
