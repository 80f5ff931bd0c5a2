using System.Diagnostics;
using ZabActors.Remote.Transport;

namespace ZabActors.Remote;

/// <summary>
/// The connection state of <see cref="RemoteEndpoint"/>: at most one outbound attempt and one active
/// association at a time, swapped under <c>_gate</c>; back-off timers; incarnation and termination.
/// Events are published after the lock is released.
/// </summary>
public sealed partial class RemoteEndpoint
{
    private readonly object _gate = new();
    private volatile Association? _active;
    private Association? _attempt;
    private bool _connecting;
    private ITimer? _retryTimer;
    private int _retryGeneration;
    private int _failedAttempts;
    private volatile bool _stopped;
    private Task _writer = Task.CompletedTask;
    private HandshakeInfo? _peer;
    private bool _terminationReported;

    /// <summary>Starts an association attempt unless one is active, under way or waiting for its back-off.</summary>
    internal void EnsureConnecting(bool immediately)
    {
        lock (_gate)
        {
            if (_stopped || _active is not null || _connecting || _attempt is not null)
                return;
            if (_retryTimer is not null)
            {
                if (!immediately)
                    return;
                _retryTimer.Dispose();
                _retryTimer = null;
                _retryGeneration++;
            }
            _connecting = true;
        }
        _ = ConnectAsync();
    }

    /// <summary>
    /// We refused the peer's connection because we win the tie-break: dial it instead, as ZooKeeper's
    /// QuorumCnxManager does. A different uid means our current association is to a dead incarnation.
    /// </summary>
    internal void ConnectBack(HandshakeInfo peer)
    {
        var stale = _active;
        if (stale?.Peer is { } current && current.Uid != peer.Uid)
            stale.Close($"peer restarted (uid {current.Uid} -> {peer.Uid})");
        EnsureConnecting(immediately: true);
    }

    internal bool Activate(Association association, HandshakeInfo peer)
    {
        Association? replaced;
        HandshakeInfo? previous;
        Debug.Assert(ReferenceEquals(association.Peer, peer), "activating an association with someone else's identity");
        lock (_gate)
        {
            if (_stopped || association.IsClosed)
                return false;
            if (ReferenceEquals(_attempt, association))
                _attempt = null;
            replaced = _active;
            _active = association;
            _retryTimer?.Dispose();
            _retryTimer = null;
            _retryGeneration++;
            _failedAttempts = 0;
            previous = _peer;
            var restarted = previous is not null && previous.Uid != peer.Uid && !_terminationReported;
            if (!restarted)
                previous = null;
            Volatile.Write(ref _peer, peer);
            _terminationReported = false;
            Interlocked.Increment(ref _associations);
            var before = _writer;
            _writer = Task.Run(() => RunWriterAsync(association, before));
        }
        replaced?.Close("replaced by a newer association");
        if (previous is not null)
            ReportTerminated(previous, $"restarted as uid {peer.Uid}");
        RemoteLog.Associated(_manager.Log, Address, peer.NodeId, association.IsInitiator ? "outbound" : "inbound");
        _manager.Publish(new AssociatedEvent(_manager.LocalAddress, Address, peer.NodeId, peer.Uid, !association.IsInitiator));
        return true;
    }

    internal void OnAssociationClosed(Association association, string reason)
    {
        // Its writer may be parked on an empty queue; it must see the close and exit, because the
        // next association's writer waits for it (even when this one was already replaced).
        WakeWriter();
        bool wasActive;
        TimeSpan? retryIn = null;
        lock (_gate)
        {
            wasActive = ReferenceEquals(_active, association);
            if (wasActive)
                _active = null;
            else if (ReferenceEquals(_attempt, association))
                _attempt = null;
            else
                return;
            if (_active is null && ShouldReconnect())
                retryIn = ScheduleRetryLocked();
        }
        if (wasActive)
        {
            RemoteLog.Disassociated(_manager.Log, Address, reason);
            _manager.Publish(new DisassociatedEvent(_manager.LocalAddress, Address, association.Peer?.NodeId ?? 0, reason));
            return;
        }
        RemoteLog.AttemptFailed(_manager.Log, Address, reason, retryIn ?? TimeSpan.Zero);
        if (association.Rejection != RejectReason.LostTieBreak)
            _manager.Publish(new AssociationErrorEvent(_manager.LocalAddress, Address, reason));
    }

    /// <summary>The peer announced an orderly shutdown: its incarnation is gone.</summary>
    internal void OnPeerShutdown(HandshakeInfo peer)
    {
        lock (_gate)
        {
            if (_terminationReported || !ReferenceEquals(_peer, peer))
                return;
            _terminationReported = true;
        }
        ReportTerminated(peer, "peer shut down");
    }

    /// <summary>Heartbeat tick: ask the writer for a heartbeat and check the failure detector.</summary>
    internal void Tick(long now, TimeSpan acceptablePause)
    {
        LogDrops(now);
        var active = _active;
        if (active is not null)
        {
            active.RequestHeartbeat();
            WakeWriter();
        }
        var peer = Volatile.Read(ref _peer);
        if (peer is null || _manager.Time.GetElapsedTime(Volatile.Read(ref _lastHeardTimestamp), now) <= acceptablePause)
            return;
        lock (_gate)
        {
            if (_terminationReported || !ReferenceEquals(_peer, peer))
                return;
            _terminationReported = true;
            active = _active;
        }
        var reason = $"no frame for more than {acceptablePause.TotalMilliseconds:0}ms (acceptable-heartbeat-pause)";
        active?.Close($"heartbeat timeout: {reason}");
        ReportTerminated(peer, reason);
    }

    private void ReportTerminated(HandshakeInfo peer, string reason)
    {
        RemoteLog.Terminated(_manager.Log, peer.NodeId, Address, reason);
        _manager.Publish(new AddressTerminated(Address, peer.NodeId, peer.Uid, reason));
    }

    private async Task ConnectAsync()
    {
        Association? association = null;
        try
        {
            var handle = await _manager.Transport.AssociateAsync(Address).ConfigureAwait(false);
            association = new Association(_manager, handle, this);
            bool wanted;
            lock (_gate)
            {
                _connecting = false;
                wanted = !_stopped && _active is null;
                if (wanted)
                    _attempt = association;
            }
            if (!wanted)
            {
                handle.Disassociate("association no longer needed");
                return;
            }
            _manager.Track(association);
            handle.Start(association);
            await association.SendHandshakeAsync().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            var reason = e is InvalidAssociationException ? e.Message : $"association attempt failed: {e.Message}";
            if (association is not null)
            {
                association.Close(reason);
                return;
            }
            OnConnectFailed(reason);
        }
    }

    private void OnConnectFailed(string reason)
    {
        TimeSpan? retryIn = null;
        lock (_gate)
        {
            _connecting = false;
            if (_active is null && ShouldReconnect())
                retryIn = ScheduleRetryLocked();
        }
        RemoteLog.AttemptFailed(_manager.Log, Address, reason, retryIn ?? TimeSpan.Zero);
        _manager.Publish(new AssociationErrorEvent(_manager.LocalAddress, Address, reason));
    }

    /// <summary>
    /// Keep dialing while the peer's incarnation is not declared terminated (so the failure detector can
    /// see it come back) or while messages wait; after termination an idle endpoint waits for the next send.
    /// </summary>
    private bool ShouldReconnect() => !_stopped && (!_terminationReported || Volatile.Read(ref _queued) > 0);

    private TimeSpan ScheduleRetryLocked()
    {
        _retryTimer?.Dispose();
        var settings = _manager.Settings;
        var delay = settings.ReconnectBackoffMin;
        for (var i = 0; i < _failedAttempts && delay < settings.ReconnectBackoffMax; i++)
            delay += delay;
        if (delay > settings.ReconnectBackoffMax)
            delay = settings.ReconnectBackoffMax;
        _failedAttempts++;
        var generation = ++_retryGeneration;
        _retryTimer = _manager.Time.CreateTimer(_ => OnRetryTimer(generation), null, delay, Timeout.InfiniteTimeSpan);
        return delay;
    }

    private void OnRetryTimer(int generation)
    {
        try
        {
            lock (_gate)
            {
                if (generation != _retryGeneration || _retryTimer is null)
                    return;
                _retryTimer.Dispose();
                _retryTimer = null;
                if (!ShouldReconnect())
                    return;
            }
            EnsureConnecting(immediately: false);
        }
        catch (Exception e)
        {
            RemoteLog.UnexpectedError(_manager.Log, e, $"reconnect timer of {Address}");
        }
    }
}
