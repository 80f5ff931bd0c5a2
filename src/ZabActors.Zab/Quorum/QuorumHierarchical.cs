namespace ZabActors.Zab;

/// <summary>
/// Hierarchical quorums, as ZooKeeper's <c>QuorumHierarchical</c>: voters are split into groups and
/// carry weights; a set is a quorum when it holds more than half the weight of more than half of the
/// groups that weigh anything. A zero-weight voter counts for nothing and never wins an election.
/// </summary>
public sealed class QuorumHierarchical : IQuorumVerifier
{
    private readonly Dictionary<long, long> groupOfServer = [];
    private readonly Dictionary<long, long> weightOfServer = [];
    private readonly Dictionary<long, long> weightOfGroup = [];
    private readonly HashSet<long> voters = [];
    private readonly HashSet<long> observers;
    private readonly int weightedGroupCount;

    /// <param name="groups">group id to its voters; every voter belongs to exactly one group.</param>
    /// <param name="weights">voter weights; voters not listed weigh one, as in ZooKeeper.</param>
    public QuorumHierarchical(
        IReadOnlyDictionary<long, IReadOnlyCollection<long>> groups,
        IReadOnlyDictionary<long, long>? weights = null,
        IEnumerable<long>? observers = null)
    {
        foreach (var (gid, members) in groups)
        {
            foreach (var sid in members)
            {
                if (!groupOfServer.TryAdd(sid, gid))
                {
                    throw new ArgumentException($"server {sid} is in multiple groups", nameof(groups));
                }
                voters.Add(sid);
                var weight = weights is not null && weights.TryGetValue(sid, out var w) ? w : 1;
                if (weight < 0)
                {
                    throw new ArgumentException($"server {sid} has a negative weight", nameof(weights));
                }
                weightOfServer[sid] = weight;
                weightOfGroup[gid] = weightOfGroup.GetValueOrDefault(gid) + weight;
            }
        }
        if (voters.Count == 0)
        {
            throw new ArgumentException("an ensemble needs at least one voter", nameof(groups));
        }
        this.observers = new HashSet<long>(observers ?? []);
        if (voters.Overlaps(this.observers))
        {
            throw new ArgumentException("a server cannot be both a voter and an observer", nameof(observers));
        }
        // ZooKeeper does not count groups of weight zero when it asks for a majority of groups.
        weightedGroupCount = weightOfGroup.Values.Count(w => w > 0);
    }

    public IReadOnlySet<long> VotingMembers => voters;

    public IReadOnlySet<long> ObservingMembers => observers;

    public bool IsVoter(long sid) => voters.Contains(sid);

    public bool IsObserver(long sid) => observers.Contains(sid);

    public bool IsMember(long sid) => voters.Contains(sid) || observers.Contains(sid);

    public long Weight(long sid) => weightOfServer.GetValueOrDefault(sid);

    public bool ContainsQuorum(IEnumerable<long> sids)
    {
        var weightInGroup = new Dictionary<long, long>();
        foreach (var sid in sids.Distinct())
        {
            if (groupOfServer.TryGetValue(sid, out var gid))
            {
                weightInGroup[gid] = weightInGroup.GetValueOrDefault(gid) + weightOfServer[sid];
            }
        }
        var majorityGroups = weightInGroup.Count(pair => pair.Value > weightOfGroup[pair.Key] / 2);
        return majorityGroups > weightedGroupCount / 2;
    }
}
