using Microsoft.Extensions.Logging;
using ZabActors.Actors;
using ZabActors.Zab;

namespace ZabActors.Quorum;

/// <summary>
/// Owns the peer's <see cref="FastLeaderElection"/> for the peer's lifetime (ZooKeeper's
/// FastLeaderElection with its sender and receiver threads): it steps notifications the root hands
/// it, keeps one keyed timer armed for the machine's <c>DueInMs</c>, sends the machine's notifications
/// through the network and reports <see cref="Decided"/> to the root. A voter heard from for the first
/// time, or again after a silence as long as a connection timeout, gets <see cref="PeerConnected"/>,
/// standing in for ZooKeeper's connection manager re-sending its last vote on a new connection.
/// </summary>
internal sealed class ElectionActor : ReceiveActor, IWithTimers
{
    private const string TimerKey = "election";

    private readonly long myId;
    private readonly IQuorumNetwork network;
    private readonly FastLeaderElection election;
    private readonly TimeSpan reconnectSilence;
    private readonly Dictionary<long, TimeSpan> lastHeard = [];
    private TimeSpan clockAt;

    public ElectionActor(PeerConfig config, IQuorumNetwork network)
    {
        myId = config.MyId;
        this.network = network;
        election = new FastLeaderElection(config);
        reconnectSilence = TimeSpan.FromMilliseconds((long)config.Timing.TickTimeMs * config.Timing.SyncLimitTicks);
        clockAt = Now;
        Receive<StartElection>(start => Step(start));
        Receive<UpdateElectionVote>(update => Step(update));
        Receive<Notification>(OnNotification);
        Receive<ElectionTimeout>(_ =>
        {
            AdvanceClock();
            CarryOut();
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(PeerConfig config, IQuorumNetwork network) =>
        Actors.Props.Create(() => new ElectionActor(config, network));

    private TimeSpan Now => Context.System.Scheduler.MonotonicClock;

    private void OnNotification(Notification notification)
    {
        var now = Now;
        var first = !lastHeard.TryGetValue(notification.Sid, out var heard) || now - heard >= reconnectSilence;
        lastHeard[notification.Sid] = now;
        if (first)
        {
            Step(new PeerConnected(notification.Sid), carryOut: false);
        }
        Step(notification);
    }

    private void Step(IElectionInput input, bool carryOut = true)
    {
        AdvanceClock();
        election.Step(input);
        if (carryOut)
        {
            CarryOut();
        }
    }

    /// <summary>Feeds the machine the time passed since it last saw the clock, in whole milliseconds.</summary>
    private void AdvanceClock()
    {
        var elapsedMs = (long)(Now - clockAt).TotalMilliseconds;
        if (elapsedMs <= 0)
        {
            return;
        }
        clockAt += TimeSpan.FromMilliseconds(elapsedMs);
        election.Tick(elapsedMs);
    }

    private void CarryOut()
    {
        var ready = election.TakeOutputs();
        foreach (var envelope in ready.Send)
        {
            network.SendElection(myId, envelope.To, (Notification)envelope.Message);
        }
        foreach (var evt in ready.Events)
        {
            Route(evt);
        }
        RearmTimer();
    }

    private void Route(IZabEvent evt)
    {
        switch (evt)
        {
            case Decided decided:
                Context.Parent.Tell(decided, Self);
                break;
            case ProtocolViolation violation:
                Log.LogWarning("election: {Violation}", violation);
                break;
            case ZabStateChanged:
                break;
            default:
                Log.LogWarning("election: unexpected event {Event}", evt);
                break;
        }
    }

    private void RearmTimer()
    {
        if (election.DueInMs is { } dueMs)
        {
            // At least one millisecond, so a due timer always moves the clock forward.
            Timers.StartSingleTimer(TimerKey, ElectionTimeout.Instance, TimeSpan.FromMilliseconds(Math.Max(1, dueMs)));
        }
        else
        {
            Timers.Cancel(TimerKey);
        }
    }
}
