namespace ZabActors.ZooKeeper.Sessions;

/// <summary>
/// The leader's session tracker (ZooKeeper's SessionTrackerImpl): hands out session ids, keeps each
/// open session's deadline from the touches it hears (its own clients' requests and pings, and the
/// touches learners forward in their PINGs), and reports the sessions whose deadline passed so the
/// leader can close them through ZAB. A session being closed is not touched back to life. Pure: time
/// is given in milliseconds by the caller.
/// </summary>
public sealed class SessionTracker
{
    private readonly ExpiryQueue<long> expiry;
    private readonly Dictionary<long, SessionInfo> sessions = [];
    private long nextSessionId;

    /// <param name="serverId">this server's id, in the top byte of every id it hands out (1..254).</param>
    /// <param name="tickTimeMs">the expiry interval (ZooKeeper checks sessions once per tick).</param>
    /// <param name="nowMs">the wall-clock time at start; ids start from it so a restarted leader does not reuse them.</param>
    public SessionTracker(long serverId, long tickTimeMs, long nowMs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(serverId, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(serverId, 254);
        expiry = new ExpiryQueue<long>(tickTimeMs);
        nextSessionId = InitialSessionId(serverId, nowMs);
    }

    public int Count => sessions.Count;

    public IEnumerable<SessionInfo> Sessions => sessions.Values;

    /// <summary>ZooKeeper's initializeNextSession: the server id in the top byte, the time below it.</summary>
    public static long InitialSessionId(long serverId, long nowMs)
    {
        var time = (long)((ulong)(nowMs << 24) >> 8);
        return time | (serverId << 56);
    }

    /// <summary>A fresh id for a new session (not yet tracked: it is tracked when its createSession txn is applied).</summary>
    public long NextSessionId() => nextSessionId++;

    /// <summary>Tracks a session from now on (its createSession txn was applied, or a snapshot listed it).</summary>
    public void Add(long sessionId, int timeoutMs, long nowMs)
    {
        sessions[sessionId] = new SessionInfo(sessionId, timeoutMs, Closing: false);
        expiry.Update(sessionId, nowMs, timeoutMs);
    }

    /// <summary>The session is alive: push its deadline out. False when it is unknown or closing.</summary>
    public bool Touch(long sessionId, long nowMs)
    {
        if (!sessions.TryGetValue(sessionId, out var info) || info.Closing)
        {
            return false;
        }
        expiry.Update(sessionId, nowMs, info.TimeoutMs);
        return true;
    }

    /// <summary>A closeSession is on its way through ZAB: refuse touches and further requests.</summary>
    public void SetClosing(long sessionId)
    {
        if (sessions.TryGetValue(sessionId, out var info))
        {
            sessions[sessionId] = info with { Closing = true };
            expiry.Remove(sessionId);
        }
    }

    /// <summary>The closeSession txn was applied.</summary>
    public void Remove(long sessionId)
    {
        sessions.Remove(sessionId);
        expiry.Remove(sessionId);
    }

    public bool IsActive(long sessionId) => sessions.TryGetValue(sessionId, out var info) && !info.Closing;

    public SessionInfo? Get(long sessionId) => sessions.TryGetValue(sessionId, out var info) ? info : null;

    /// <summary>Sessions whose deadline passed by <paramref name="nowMs"/>; each is marked closing once.</summary>
    public IReadOnlyList<long> Expire(long nowMs)
    {
        var expired = expiry.Expire(nowMs);
        foreach (var id in expired)
        {
            SetClosing(id);
        }
        return expired;
    }

    /// <summary>The next time <see cref="Expire"/> can report something, or null.</summary>
    public long? NextExpiration => expiry.NextExpiration;
}

/// <summary>One tracked session: its id, negotiated timeout, and whether it is being closed.</summary>
public sealed record SessionInfo(long SessionId, int TimeoutMs, bool Closing);

/// <summary>The session timeout a server grants: the client's ask, clamped to [min, max] (default 2 and 20 ticks).</summary>
public static class SessionTimeouts
{
    public static int Negotiate(int requestedMs, int minMs, int maxMs) => Math.Clamp(requestedMs, minMs, maxMs);
}
