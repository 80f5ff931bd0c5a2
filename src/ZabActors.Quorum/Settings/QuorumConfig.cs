using Akka.Configuration;
using ZabActors.Journal;
using ZabActors.Transport;

namespace ZabActors.Quorum;

/// <summary>
/// The HOCON every ActorSystem that hosts a <see cref="QuorumPeerActor"/> needs beneath its own: this
/// module's quorum.conf (timing defaults and the txn log's dispatchers), the transport's (serializer
/// bindings, <c>zab.transport</c>) and the journal's (serializer binding, Akka.Persistence.Sql on SQLite).
/// </summary>
public static class QuorumConfig
{
    /// <summary>quorum.conf over the transport's and the journal's defaults.</summary>
    public static Config Defaults { get; } =
        QuorumPeerSettings.DefaultConfig.WithFallback(TransportConfig.Defaults).WithFallback(ZabJournalConfig.Reference);

    /// <summary><paramref name="config"/> over <see cref="Defaults"/>.</summary>
    public static Config WithDefaults(Config config) => (config ?? Config.Empty).WithFallback(Defaults);
}
