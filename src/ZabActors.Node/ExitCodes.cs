namespace ZabActors.Node;

/// <summary>Process exit codes shared by all subcommands.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>An unexpected failure (an unhandled exception), or a node whose peer stopped on its own for another reason than its storage.</summary>
    public const int Failure = 1;

    /// <summary>A bad command line or bad input: unknown options, a missing file, an invalid configuration.</summary>
    public const int InvalidInput = 2;

    /// <summary>The ensemble did not do what was asked: no server answered, or a write was not committed.</summary>
    public const int Unavailable = 3;

    /// <summary>
    /// A server's storage cannot be opened or read: at start (unreachable store, wrong schema,
    /// corrupt log) or while running, when the peer stopped with <c>PeerStorageFailed</c>. The
    /// process exits rather than stay up without a peer; the storage needs a look (or, after a
    /// transient store failure, a restart that reopens it) before the server can rejoin.
    /// </summary>
    public const int StorageFailed = 4;
}
