using ZabActors.Actors;
using ZabActors.Quorum;

namespace ZabActors.Simulation.Network;

/// <summary>
/// One leader-learner connection of the simulated network: its two ends (bound to the actor refs of
/// the incarnations that opened it, as a TCP connection is bound to two processes), whether it still
/// lives, and per direction the time of the last scheduled delivery, which keeps each direction FIFO.
/// </summary>
internal sealed class SimulatedConnection(ConnectionId id, long learnerSid, IActorRef learner, long leaderSid, IActorRef leader)
{
    private TimeSpan lastToLeader;
    private TimeSpan lastToLearner;

    public ConnectionId Id { get; } = id;

    public long LearnerSid { get; } = learnerSid;

    public long LeaderSid { get; } = leaderSid;

    public IActorRef Learner { get; } = learner;

    public IActorRef Leader { get; } = leader;

    public bool Alive { get; set; } = true;

    public bool Connects(long sid) => LearnerSid == sid || LeaderSid == sid;

    public long Other(long sid) => sid == LearnerSid ? LeaderSid : LearnerSid;

    public IActorRef RefOf(long sid) => sid == LearnerSid ? Learner : Leader;

    /// <summary>
    /// The delivery time of the next message towards <paramref name="toSid"/>: never before the previous
    /// one of that direction, so messages of a connection never overtake each other (the scheduler
    /// fires equal times in the order they were scheduled).
    /// </summary>
    public TimeSpan NextDelivery(long toSid, TimeSpan earliest)
    {
        if (toSid == LeaderSid)
        {
            lastToLeader = earliest > lastToLeader ? earliest : lastToLeader;
            return lastToLeader;
        }
        lastToLearner = earliest > lastToLearner ? earliest : lastToLearner;
        return lastToLearner;
    }

    public override string ToString() => $"{Id}({LearnerSid}->{LeaderSid})";
}
