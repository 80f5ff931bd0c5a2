using Microsoft.Extensions.Logging;
using ZabActors.Hocon;
using ZabActors.Quorum;

namespace ZabActors.Node.Configuration;

/// <summary>
/// Everything one server process is configured with, parsed once from its configuration file layered
/// over the embedded reference: the quorum peer's settings (<c>zab.myid</c>, <c>zab.ensemble.servers</c>,
/// timing), the same tree as Akka sees it (for the ActorSystem), its data directory, the reserved
/// client port, and the node's own section (<c>zab.node</c>). <see cref="NodeConfigValidator"/>
/// builds it and reports what is wrong.
/// </summary>
public sealed record NodeSettings(
    Config Config,
    QuorumPeerSettings Quorum,
    Akka.Configuration.Config AkkaConfig,
    string DataDirectory,
    int? ClientPort,
    LogLevel LogLevel,
    bool TestHooks,
    TimeSpan ShutdownTimeout)
{
    public long MyId => Quorum.MyId;

    /// <summary>This server's own entry of the ensemble.</summary>
    public QuorumServer Me => Quorum.Servers.First(s => s.Id == Quorum.MyId);

    public EnsembleDirectory Directory { get; } = new(Quorum.Servers);

    /// <summary>The voters (participants) of the ensemble.</summary>
    public int VoterCount => Quorum.Servers.Count(s => s.Role == Zab.LearnerType.Participant);
}
