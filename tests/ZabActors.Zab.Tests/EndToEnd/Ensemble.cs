namespace ZabActors.Zab.Tests;

/// <summary>
/// A leader's machines and its learners' sessions wired through an in-test router, with no actors: the
/// reference for how drivers carry out each machine's <see cref="Ready"/>. Every delivery is queued and
/// run in order, so each machine sees its inputs in FIFO order, as an actor mailbox would.
/// </summary>
internal sealed partial class Ensemble
{
    private readonly Queue<Action> work = new();

    public Ensemble(long leaderId, IQuorumVerifier verifier, Dictionary<long, MemoryDisk> disks)
    {
        Disks = disks;
        LeaderId = leaderId;
        var leaderConfig = new PeerConfig(leaderId, verifier, Z.Timing);
        var leaderDisk = disks[leaderId].Read();
        Discovery = new LeaderDiscovery(leaderConfig, leaderDisk.ToLeaderStart());
        Tracker = new ProposalTracker(leaderConfig, leaderDisk.ToLeaderHistory());
        foreach (var sid in disks.Keys.Where(sid => sid != leaderId))
        {
            Syncs[sid] = new LearnerSync(leaderConfig);
            Sessions[sid] = new LearnerSession(new PeerConfig(sid, verifier, Z.Timing), leaderId, disks[sid].Read().ToLearnerStart());
        }
    }

    public long LeaderId { get; }

    public Dictionary<long, MemoryDisk> Disks { get; }

    public LeaderDiscovery Discovery { get; }

    public ProposalTracker Tracker { get; }

    public Dictionary<long, LearnerSync> Syncs { get; } = [];

    public Dictionary<long, LearnerSession> Sessions { get; } = [];

    /// <summary>Handlers registered for forwarding, in registration order (what the ProposalActor keeps).</summary>
    public List<long> Forwarding { get; } = [];

    public List<IZabEvent> Events { get; } = [];

    /// <summary>Learners that crashed: their sessions receive nothing and never tick again.</summary>
    public HashSet<long> Crashed { get; } = [];

    public void Start()
    {
        Deliver(() => Discovery.Step(StartLeading.Instance), DrainDiscovery);
        foreach (var sid in Sessions.Keys.Order())
        {
            Deliver(() => Sessions[sid].Step(StartLearning.Instance), () => DrainSession(sid));
        }
        Pump();
    }

    public void Propose(string data)
    {
        Deliver(() => Tracker.Step(new Propose(Bytes.FromUtf8(data))), DrainTracker);
        Pump();
    }

    public void ClientWrite(long sid, string data)
    {
        Deliver(() => Sessions[sid].Step(new ClientWrite(Bytes.FromUtf8(data))), () => DrainSession(sid));
        Pump();
    }

    public void TickAll()
    {
        Deliver(Discovery.Tick, DrainDiscovery);
        foreach (var sid in Syncs.Keys.Order())
        {
            Deliver(Syncs[sid].Tick, () => DrainSync(sid));
            if (!Crashed.Contains(sid))
            {
                Deliver(Sessions[sid].Tick, () => DrainSession(sid));
            }
        }
        Pump();
    }

    private void Deliver(Action step, Action drain) => work.Enqueue(() =>
    {
        step();
        drain();
    });

    private void Pump()
    {
        for (var steps = 0; work.TryDequeue(out var next); steps++)
        {
            Assert.True(steps < 100_000, "the ensemble does not quiesce");
            next();
        }
    }
}
