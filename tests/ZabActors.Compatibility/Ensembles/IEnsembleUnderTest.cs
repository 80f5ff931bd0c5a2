namespace ZabActors.Compatibility.Ensembles;

/// <summary>
/// A three-server ZooKeeper-protocol ensemble the compatibility suite drives real clients against:
/// Apache ZooKeeper today, a ZabActors ensemble once the server exists. Servers are numbered 1..3.
/// </summary>
public interface IEnsembleUnderTest : IAsyncDisposable
{
    /// <summary>Short name printed in failure messages ("Apache ZooKeeper 3.8", "ZabActors").</summary>
    string Name { get; }

    /// <summary>Number of servers; server ids run from 1 to this.</summary>
    int ServerCount { get; }

    /// <summary>Whether the servers accept TTL nodes (ZooKeeper needs extendedTypesEnabled=true).</summary>
    bool TtlNodesEnabled { get; }

    /// <summary>"host:port,host:port,host:port" of every server, in server-id order.</summary>
    string ConnectString { get; }

    /// <summary>"host:port" of one server.</summary>
    string ServerAddress(int id);

    /// <summary>Starts every server and returns once a quorum serves clients.</summary>
    Task StartAsync(CancellationToken cancellation);

    /// <summary>Kills server <paramref name="id"/> abruptly (SIGKILL, no goodbye to peers or clients).</summary>
    Task KillAsync(int id);

    /// <summary>Starts a killed server again on the same ports and data, and waits until it serves.</summary>
    Task RestartAsync(int id, CancellationToken cancellation);

    /// <summary>Returns once server <paramref name="id"/> has joined a quorum and serves clients.</summary>
    Task WaitServingAsync(int id, CancellationToken cancellation);
}
