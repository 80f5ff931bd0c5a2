namespace ZabActors.Zab;

/// <summary>
/// Decides whether a set of servers forms a quorum, as ZooKeeper's <c>QuorumVerifier</c>. Members
/// that are not voters (observers) and unknown ids never contribute to a quorum.
/// </summary>
public interface IQuorumVerifier
{
    IReadOnlySet<long> VotingMembers { get; }

    IReadOnlySet<long> ObservingMembers { get; }

    /// <summary>The election weight of a server; zero means it can never be elected.</summary>
    long Weight(long sid);

    bool ContainsQuorum(IEnumerable<long> sids);

    bool IsVoter(long sid);

    bool IsObserver(long sid);

    bool IsMember(long sid);
}
