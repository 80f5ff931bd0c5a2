namespace ZabActors.Zab;

/// <summary>Majority quorums over the voting members, as ZooKeeper's <c>QuorumMaj</c>.</summary>
public sealed class QuorumMaj : IQuorumVerifier
{
    private readonly HashSet<long> voters;
    private readonly HashSet<long> observers;

    public QuorumMaj(IEnumerable<long> voters, IEnumerable<long>? observers = null)
    {
        this.voters = new HashSet<long>(voters);
        this.observers = new HashSet<long>(observers ?? []);
        if (this.voters.Count == 0)
        {
            throw new ArgumentException("an ensemble needs at least one voter", nameof(voters));
        }
        if (this.voters.Overlaps(this.observers))
        {
            throw new ArgumentException("a server cannot be both a voter and an observer", nameof(observers));
        }
    }

    public IReadOnlySet<long> VotingMembers => voters;

    public IReadOnlySet<long> ObservingMembers => observers;

    public bool IsVoter(long sid) => voters.Contains(sid);

    public bool IsObserver(long sid) => observers.Contains(sid);

    public bool IsMember(long sid) => voters.Contains(sid) || observers.Contains(sid);

    /// <summary>Every voter weighs one, as in ZooKeeper; non-voters weigh zero here so they never win.</summary>
    public long Weight(long sid) => voters.Contains(sid) ? 1 : 0;

    public bool ContainsQuorum(IEnumerable<long> sids)
    {
        var counted = 0;
        foreach (var sid in sids.Distinct())
        {
            if (voters.Contains(sid))
            {
                counted++;
            }
        }
        return counted > voters.Count / 2;
    }

    public override string ToString() => $"QuorumMaj(voters [{string.Join(",", voters.Order())}], observers [{string.Join(",", observers.Order())}])";
}
