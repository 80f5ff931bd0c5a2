using ZabActors.Zab;

namespace ZabActors.Simulation.Network;

/// <summary>
/// One leader–learner connection of the simulated network: its two ends (bound to the incarnations that
/// opened and accepted it, as a TCP connection is bound to two processes), the link names each end uses,
/// whether it still lives, and per direction the time of the last scheduled delivery, which keeps each
/// direction FIFO.
/// </summary>
internal sealed class SimulatedConnection(long id, long learnerSid, int learnerIncarnation, Link learnerLink, long leaderSid, int leaderIncarnation)
{
    private TimeSpan lastToLeader;
    private TimeSpan lastToLearner;

    public long Id { get; } = id;

    public long LearnerSid { get; } = learnerSid;

    public int LearnerIncarnation { get; } = learnerIncarnation;

    /// <summary>The learner's name for it (an outgoing link the learner chose).</summary>
    public Link LearnerLink { get; } = learnerLink;

    public long LeaderSid { get; } = leaderSid;

    public int LeaderIncarnation { get; } = leaderIncarnation;

    /// <summary>The leader's name for it: an incoming link named by the network.</summary>
    public Link LeaderLink => new(Id, Outgoing: false);

    public bool Alive { get; set; } = true;

    public bool Connects(long sid) => LearnerSid == sid || LeaderSid == sid;

    /// <summary>
    /// The delivery time of the next message towards the leader (or the learner): never before the
    /// previous one of that direction, so messages of a connection never overtake each other.
    /// </summary>
    public TimeSpan NextDelivery(bool toLeader, TimeSpan earliest)
    {
        if (toLeader)
        {
            lastToLeader = earliest > lastToLeader ? earliest : lastToLeader;
            return lastToLeader;
        }
        lastToLearner = earliest > lastToLearner ? earliest : lastToLearner;
        return lastToLearner;
    }

    public override string ToString() => $"c{Id}({LearnerSid}->{LeaderSid})";
}
