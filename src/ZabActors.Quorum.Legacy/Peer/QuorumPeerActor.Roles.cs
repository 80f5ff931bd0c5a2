using Microsoft.Extensions.Logging;
using ZabActors.Actors;
using ZabActors.Zab;

namespace ZabActors.Quorum;

// Role transitions: reading the disk, LOOKING, starting the role the election chose, and back.
public sealed partial class QuorumPeerActor
{
    private ServerState state = ServerState.Looking;
    private long? leaderSid;
    private long epoch;
    private IActorRef role = ActorRefs.Nobody;
    private bool stoppingRole;
    private bool awaitingDisk;
    private bool electionRunning;
    private int incarnation;
    private PeerDisk? disk;
    private StateMachineApplier? applier;
    private TimeSpan lookingSince;
    private TimeSpan roleSince;

    private TimeSpan Now => Context.System.Scheduler.MonotonicClock;

    private void ReadDisk()
    {
        awaitingDisk = true;
        txnLog.Tell(applier is null ? new ReadDisk(true, Zxid.Zero) : new ReadDisk(false, applier.LastApplied), Self);
    }

    private void OnDiskRead(DiskRead read)
    {
        if (!awaitingDisk || !Sender.Equals(txnLog))
        {
            return;
        }
        awaitingDisk = false;
        disk = read.Disk;
        if (applier is null)
        {
            try
            {
                applier = CreateApplier(read);
            }
            catch (Exception e)
            {
                StopForStorage($"restoring the state machine from snapshot {read.Snapshot?.Zxid ?? Zxid.Zero} failed: {e.Message}");
                return;
            }
            Publish(ZabState.Election);
        }
        StartLooking();
    }

    private StateMachineApplier CreateApplier(DiskRead read)
    {
        var stateMachine = stateMachineFactory();
        if (read.Snapshot is { } snapshot)
        {
            stateMachine.Restore(snapshot);
        }
        if (stateMachine.LastApplied != read.Disk.LastAppliedZxid)
        {
            throw new InvalidOperationException(
                $"the state machine restored to {stateMachine.LastApplied}, the disk says {read.Disk.LastAppliedZxid}");
        }
        Log.LogInformation("server {Sid} recovered: epochs {Accepted}/{Current}, logged {Logged}, snapshot {Snapshot}",
            MyId, read.Disk.AcceptedEpoch, read.Disk.CurrentEpoch, read.Disk.LastLoggedZxid, read.Disk.LastAppliedZxid);
        return new StateMachineApplier(MyId, stateMachine, progress, Context.System.EventStream, Self, settings.EffectiveSnapCount);
    }

    private void OnDiskReadFailed(DiskReadFailed failed)
    {
        if (!awaitingDisk || !Sender.Equals(txnLog))
        {
            return;
        }
        StopForStorage($"cannot read its storage: {failed.Reason}");
    }

    /// <summary>
    /// Storage that cannot be read holds an unknown history (a journal that failed once refuses work
    /// until reopened), and joining with a partial history could lose committed transactions. So
    /// the peer stops, says why on the event stream, and leaves the repair to its host.
    /// </summary>
    private void StopForStorage(string reason)
    {
        Log.LogError("server {Sid} {Reason}; stopping: a peer never joins with a history it cannot read", MyId, reason);
        Context.System.EventStream.Publish(new PeerStorageFailed(MyId, reason));
        Context.Stop(Self);
    }

    private void StartLooking()
    {
        electionRunning = true;
        lookingSince = Now;
        election.Tell(disk!.ToStartElection(), Self);
    }

    private void OnDecided(Decided decided)
    {
        if (!electionRunning || !Sender.Equals(election))
        {
            return;
        }
        electionRunning = false;
        var props = decided.State switch
        {
            ServerState.Leading => LeaderActor.Props(config, disk!, network, txnLog, applier!, Self),
            ServerState.Following => FollowerActor.Props(config, decided.Leader, disk!, network, txnLog, applier!, Self, settings.LearnerConnectRetryDelay),
            ServerState.Observing => ObserverActor.Props(config, decided.Leader, disk!, network, txnLog, applier!, Self, settings.LearnerConnectRetryDelay),
            _ => throw new InvalidOperationException($"the election decided {decided.State}"),
        };
        role = Context.Watch(Context.ActorOf(props, $"{decided.State.ToString().ToLowerInvariant()}-{++incarnation}"));
        state = decided.State;
        leaderSid = decided.Leader;
        epoch = decided.Vote.PeerEpoch;
        roleSince = Now;
        Log.LogInformation("LOOKING -> {State} (leader {Leader}, epoch {Epoch}) election took {Ms} ms",
            Upper(state), decided.Leader, epoch, Millis(roleSince - lookingSince));
        Publish(ZabState.Discovery);
    }

    private void OnRoleEstablished(RoleEstablished established)
    {
        if (!Sender.Equals(role) || stoppingRole)
        {
            return;
        }
        epoch = established.Epoch;
        election.Tell(new UpdateElectionVote(epoch), Self);
        Log.LogInformation("{State} in epoch {Epoch}: broadcast after {Ms} ms", Upper(state), epoch, Millis(Now - roleSince));
        if (state == ServerState.Leading)
        {
            Context.System.EventStream.Publish(new LeaderEstablishedEvent(MyId, epoch));
        }
        Publish(ZabState.Broadcast);
    }

    private void OnRoleEnded(string reason)
    {
        if (Sender.Equals(role) && !stoppingRole)
        {
            StopRole(reason);
        }
    }

    private void StopRole(string reason)
    {
        Log.LogInformation("{State} -> LOOKING after {Ms} ms: {Reason}", Upper(state), Millis(Now - roleSince), reason);
        stoppingRole = true;
        Context.Stop(role);
        FailAllPending($"lost the leader: {reason}");
        state = ServerState.Looking;
        leaderSid = null;
        Publish(ZabState.Election);
    }

    private void OnTerminated(Terminated terminated)
    {
        var child = terminated.ActorRef;
        if (child.Equals(role))
        {
            if (!stoppingRole)
            {
                // The supervisor stopped a failed role: same way back as a role that ended.
                StopRole("the role actor failed");
            }
            role = ActorRefs.Nobody;
            stoppingRole = false;
            ReadDisk();
        }
        else if (child.Equals(election))
        {
            Log.LogError("server {Sid}: the election actor failed; starting a new one", MyId);
            election = StartElection();
            if (electionRunning)
            {
                election.Tell(disk!.ToStartElection(), Self);
            }
        }
        else if (child.Equals(txnLog))
        {
            Log.LogError("server {Sid}: the transaction log actor failed; starting a new one", MyId);
            txnLog = StartTxnLog();
            if (!role.IsNobody() && !stoppingRole)
            {
                StopRole("the transaction log failed");
            }
            else if (awaitingDisk)
            {
                ReadDisk();
            }
        }
    }

    private void Publish(ZabState phase) => Context.System.EventStream.Publish(new PeerStateChanged(MyId, state, leaderSid, epoch, phase));

    private static string Upper(ServerState s) => s.ToString().ToUpperInvariant();

    private static long Millis(TimeSpan span) => (long)span.TotalMilliseconds;
}
