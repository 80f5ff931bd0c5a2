namespace ZabActors.Zab;

/// <summary>
/// The leader's proposals (wrapped by the ProposalActor), as the proposal half of ZooKeeper's
/// <c>Leader</c>: it assigns zxids (epoch high, counter low), logs each proposal locally, counts acks
/// through the quorum verifier, commits strictly in zxid order, keeps the last committed transactions
/// for DIFFs, and answers handlers that register for forwarding with a consistent view of all that.
/// The leader's own ack is <see cref="LogDurable"/> from its log, like any follower's. Applying a
/// committed transaction waits until the leader's own copy is durable.
/// </summary>
public sealed partial class ProposalTracker
{
    private readonly long myId;
    private readonly IQuorumVerifier verifier;
    private readonly ZabTiming timing;
    private readonly Outbox outbox = new();
    private readonly Queue<Txn> committedLog = new();
    private readonly List<Txn> unappliedAtStart;
    private readonly Queue<Txn> committedNotApplied = new();

    private Zxid selfDurable;
    private Zxid logStartsAfter;
    private bool reElectionRequired;

    public ProposalTracker(PeerConfig config, LeaderHistory history)
    {
        myId = config.MyId;
        verifier = config.Verifier;
        timing = config.Timing;
        RequireConsistent(history);
        LoadCommittedLog(history);
        unappliedAtStart = history.RecentTxns.Where(txn => txn.Zxid > history.LastAppliedZxid).ToList();
        LastProcessedZxid = history.LastLoggedZxid;
        LastCommittedTxnZxid = history.LastLoggedZxid;
        LastCommittedZxid = history.LastLoggedZxid;
        LastProposedZxid = history.LastLoggedZxid;
        selfDurable = history.LastLoggedZxid;
    }

    public bool IsActive { get; private set; }

    public long Epoch { get; private set; } = -1;

    public Zxid LastProposedZxid { get; private set; }

    public Zxid LastCommittedZxid { get; private set; }

    /// <summary>ZooKeeper's lastProcessedZxid: the last commit, or the new epoch's start right after establishment.</summary>
    public Zxid LastProcessedZxid { get; private set; }

    public Zxid LastCommittedTxnZxid { get; private set; }

    public int OutstandingCount => outstanding.Count;

    public IReadOnlyCollection<Txn> CommittedLog => committedLog;

    /// <summary>
    /// The zxid the committed log starts after: every transaction of the leader's history above it is
    /// in <see cref="CommittedLog"/>, so a learner or snapshot at this zxid can be brought up to date
    /// from the log. It is the transaction right before the log's first one when that is known (the
    /// leader's last applied zxid when the log begins with its unapplied tail), else the log's first
    /// zxid, and the last committed transaction's zxid while the log is empty.
    /// </summary>
    public Zxid CommittedLogStartsAfter => committedLog.Count == 0 ? LastCommittedTxnZxid : logStartsAfter;

    public void Step(IProposalTrackerInput input)
    {
        switch (input)
        {
            case HistoryRequest request:
                OnHistoryRequest(request);
                break;
            case LeaderEstablished established:
                Activate(established.Epoch);
                break;
            case Propose propose:
                ProposeData(propose.Data);
                break;
            case LearnerRequest request:
                ProposeData(request.Data);
                break;
            case AckReceived ack:
                OnAck(ack.Sid, ack.Zxid);
                break;
            case LogDurable durable:
                OnSelfDurable(durable.UpTo);
                break;
            case LearnerSessionEnded ended:
                ForgetAcks(ended.Sid);
                break;
            default:
                throw new ArgumentException($"not a proposal tracker input: {input}", nameof(input));
        }
    }

    public Ready TakeOutputs() => outbox.Take();

    private void OnHistoryRequest(HistoryRequest request)
    {
        var outstandingTxns = request.Type == LearnerType.Participant
            ? outstanding.Select(pending => pending.Txn).ToList()
            : [];
        outbox.Emit(new LearnerHistory(
            request.Sid, [.. committedLog], CommittedLogStartsAfter, LastProcessedZxid, LastCommittedTxnZxid, [.. outstandingTxns]));
    }

    /// <summary>The new epoch is established: the leader's whole log is now committed history.</summary>
    private void Activate(long epoch)
    {
        if (IsActive)
        {
            outbox.Violation(myId, $"epoch {epoch} established twice");
            return;
        }
        IsActive = true;
        Epoch = epoch;
        LastProposedZxid = LastCommittedZxid = LastProcessedZxid = Zxid.Make(epoch, 0);
        selfDurable = Zxid.Max(selfDurable, LastProcessedZxid);
        foreach (var txn in unappliedAtStart)
        {
            outbox.Apply(txn);
        }
        unappliedAtStart.Clear();
    }

    /// <summary>
    /// The committed log starts as the last <c>CommittedLogSize</c> recent transactions, extended back
    /// to the first unapplied one: the leader's state machine (and so any snapshot it hands a learner)
    /// stands at the last applied zxid, and the log must reach back to it for that snapshot to bridge.
    /// </summary>
    private void LoadCommittedLog(LeaderHistory history)
    {
        var recent = history.RecentTxns;
        var firstUnapplied = recent.Length;
        while (firstUnapplied > 0 && recent[firstUnapplied - 1].Zxid > history.LastAppliedZxid)
        {
            firstUnapplied--;
        }
        var keepFrom = Math.Min(Math.Max(0, recent.Length - timing.CommittedLogSize), firstUnapplied);
        foreach (var txn in recent.Skip(keepFrom))
        {
            committedLog.Enqueue(txn);
        }
        if (keepFrom > 0)
        {
            logStartsAfter = recent[keepFrom - 1].Zxid;
        }
        else if (firstUnapplied == 0)
        {
            // Recent transactions hold every one above the last applied zxid: nothing lies between the two.
            logStartsAfter = history.LastAppliedZxid;
        }
        else
        {
            // The log begins with applied transactions and what precedes them is not known.
            logStartsAfter = recent[0].Zxid;
        }
    }

    private static void RequireConsistent(LeaderHistory history)
    {
        if (history.LastAppliedZxid > history.LastLoggedZxid)
        {
            throw new ArgumentException("the leader applied transactions past its last logged zxid", nameof(history));
        }
        if (history.LastAppliedZxid < history.LastLoggedZxid
            && (history.RecentTxns.IsEmpty || history.RecentTxns[^1].Zxid != history.LastLoggedZxid))
        {
            throw new ArgumentException("recent transactions must hold every transaction above the last applied zxid", nameof(history));
        }
        for (var i = 1; i < history.RecentTxns.Length; i++)
        {
            if (history.RecentTxns[i].Zxid <= history.RecentTxns[i - 1].Zxid)
            {
                throw new ArgumentException("recent transactions must be in ascending zxid order", nameof(history));
            }
        }
        if (!history.RecentTxns.IsEmpty && history.RecentTxns[^1].Zxid > history.LastLoggedZxid)
        {
            throw new ArgumentException("recent transactions go past the last logged zxid", nameof(history));
        }
    }
}
