using Microsoft.Extensions.Logging;
using ZabActors.Actors;
using ZabActors.Zab;

namespace ZabActors.Quorum;

/// <summary>
/// Owns one learner connection on the leader and its <see cref="LearnerSync"/>, as ZooKeeper's
/// LearnerHandler: it steps the learner's packets and the leader's instructions, sends the machine's
/// packets over the connection, relays acks and requests to the ProposalActor and the handshake to
/// the LeaderActor, ticks every tick-time (pings, time limits), and closes the connection and stops
/// when the session ends.
/// </summary>
internal sealed class LearnerHandlerActor : ReceiveActor, IWithTimers
{
    private readonly long myId;
    private readonly ConnectionId connection;
    private readonly long learnerSid;
    private readonly IQuorumNetwork network;
    private readonly IActorRef proposals;
    private readonly LearnerSync sync;
    private readonly TimeSpan tick;
    private bool ended;

    public LearnerHandlerActor(PeerConfig config, ConnectionId connection, long learnerSid, IQuorumNetwork network, IActorRef proposals)
    {
        myId = config.MyId;
        this.connection = connection;
        this.learnerSid = learnerSid;
        this.network = network;
        this.proposals = proposals;
        sync = new LearnerSync(config);
        tick = TimeSpan.FromMilliseconds(config.Timing.TickTimeMs);
        Receive<ConnectionMessage>(OnPacket);
        Receive<ConnectionClosed>(closed => Step(new EndLearnerSession(sync.Sid, $"connection closed: {closed.Reason}")));
        Receive<HandlerTick>(_ =>
        {
            sync.Tick();
            CarryOut();
        });
        Receive<ILearnerSyncInput>(Step);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(PeerConfig config, ConnectionId connection, long learnerSid, IQuorumNetwork network, IActorRef proposals) =>
        Actors.Props.Create(() => new LearnerHandlerActor(config, connection, learnerSid, network, proposals));

    protected override void PreStart() => Timers.StartPeriodicTimer("tick", HandlerTick.Instance, tick);

    protected override void PostStop() => network.Close(connection, "learner handler stopped");

    private void OnPacket(ConnectionMessage message)
    {
        // The network vouches for the sender of a connection; a learner may not claim another id.
        var claimed = message.Packet switch
        {
            FollowerInfo info => info.Sid,
            ObserverInfo info => info.Sid,
            _ => message.FromSid,
        };
        if (message.FromSid != learnerSid || claimed != learnerSid)
        {
            Log.LogWarning("{Connection}: packet {Packet} from server {From} claiming {Claimed} on the connection of server {Learner}; closing",
                connection, message.Packet.GetType().Name, message.FromSid, claimed, learnerSid);
            Step(new EndLearnerSession(sync.Sid, "packet from the wrong server"));
            return;
        }
        Step(message.Packet);
    }

    private void Step(ILearnerSyncInput input)
    {
        if (ended)
        {
            return;
        }
        sync.Step(input);
        CarryOut();
    }

    private void CarryOut()
    {
        var ready = sync.TakeOutputs();
        foreach (var envelope in ready.Send)
        {
            network.Send(connection, myId, (QuorumPacket)envelope.Message);
        }
        foreach (var evt in ready.Events)
        {
            Route(evt);
        }
    }

    private void Route(IZabEvent evt)
    {
        switch (evt)
        {
            case LearnerInfoReceived or EpochAcked or NewLeaderAcked:
                Context.Parent.Tell(evt, Self);
                break;
            case HistoryRequest or AckReceived or LearnerRequest or SnapshotRequest:
                proposals.Tell(evt, Self);
                break;
            case LearnerSessionEnded sessionEnded:
                End(sessionEnded);
                break;
            case ProtocolViolation violation:
                Log.LogWarning("learner {Sid}: {Violation}", learnerSid, violation);
                break;
            default:
                Log.LogWarning("learner {Sid}: unexpected event {Event}", learnerSid, evt);
                break;
        }
    }

    private void End(LearnerSessionEnded sessionEnded)
    {
        ended = true;
        Log.LogInformation("session of learner {Sid} ended: {Reason}", learnerSid, sessionEnded.Reason);
        Context.Parent.Tell(sessionEnded, Self);
        proposals.Tell(new StopForwarding(learnerSid), Self);
        network.Close(connection, sessionEnded.Reason);
        Timers.CancelAll();
        Context.Stop(Self);
    }
}
