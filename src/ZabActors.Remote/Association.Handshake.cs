using System.Buffers;
using ZabActors.Remote.Serialization;

namespace ZabActors.Remote;

/// <summary>The handshake half of <see cref="Association"/>: checks, tie-break, refusal and activation.</summary>
internal sealed partial class Association
{
    private const int Refusing = 3;

    private void OnHandshakeFrame(FrameKind kind, ref SpanReader reader)
    {
        switch (kind)
        {
            case FrameKind.Handshake when !IsInitiator:
                OnHandshake(FrameCodec.ReadHandshake(ref reader));
                break;
            case FrameKind.HandshakeAck when IsInitiator:
                OnHandshakeAck(FrameCodec.ReadHandshake(ref reader));
                break;
            case FrameKind.Reject when IsInitiator:
                var (reason, detail) = FrameCodec.ReadReject(ref reader);
                Rejection = reason;
                Close($"refused by peer ({reason}): {detail}");
                break;
            default:
                Violation($"unexpected {kind} frame during the handshake");
                break;
        }
    }

    /// <summary>Acceptor: admit the initiator, or refuse it; a lost tie-break makes us connect back.</summary>
    private void OnHandshake(HandshakeInfo peer)
    {
        if (_manager.CheckPeer(peer) is { } refusal)
        {
            RemoteLog.Refused(_manager.Log, peer.Address, refusal.Detail);
            Refuse(refusal.Reason, refusal.Detail, quiet: false);
            return;
        }
        var endpoint = _manager.GetOrCreateEndpoint(peer.Address);
        if (!_manager.TieBreaker(peer, _manager.LocalHandshake))
        {
            RemoteLog.ConnectingBack(_manager.Log, peer.Address, peer.NodeId);
            Refuse(RejectReason.LostTieBreak, "only connections initiated by the tie-break winner survive", quiet: true);
            endpoint.ConnectBack(peer);
            return;
        }
        Peer = peer;
        _endpoint = endpoint;
        Activate(endpoint, peer);
    }

    /// <summary>Initiator: the acceptor admitted us; check it is who we dialed.</summary>
    private void OnHandshakeAck(HandshakeInfo peer)
    {
        var endpoint = _endpoint!;
        if (_manager.CheckPeer(peer) is { } refusal)
        {
            Violation($"acceptor is not acceptable: {refusal.Detail}");
            return;
        }
        if (!peer.Address.Equals(endpoint.Address))
        {
            Violation($"dialed {endpoint.Address} but the node there calls itself {peer.Address}");
            return;
        }
        Peer = peer;
        Activate(endpoint, peer);
    }

    private void Activate(RemoteEndpoint endpoint, HandshakeInfo peer)
    {
        if (Interlocked.CompareExchange(ref _state, Active, Handshaking) != Handshaking)
            return;
        endpoint.MarkHeard();
        if (!endpoint.Activate(this, peer))
            Close("endpoint is shut down");
    }

    private void Refuse(RejectReason reason, string detail, bool quiet)
    {
        if (Interlocked.CompareExchange(ref _state, Refusing, Handshaking) != Handshaking)
            return;
        try
        {
            var buffer = new ArrayBufferWriter<byte>(128);
            FrameCodec.WriteReject(buffer, reason, detail);
            // No writer runs for a session that never became active, so writing here is safe. The
            // flush completes at once (empty pipe); the handle sends it before closing.
            if (Handle.Write(buffer.WrittenSpan))
                _ = Handle.FlushAsync();
        }
        finally
        {
            Interlocked.Exchange(ref _state, Closed);
            Handle.Disassociate($"refused: {detail}");
            _manager.Untrack(this);
            if (!quiet)
                _manager.Publish(new AssociationErrorEvent(_manager.LocalAddress, PeerAddress, $"refused ({reason}): {detail}"));
        }
    }
}
