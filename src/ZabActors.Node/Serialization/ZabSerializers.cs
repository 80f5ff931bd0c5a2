using ZabActors.Node.Networking;
using ZabActors.Remote.Serialization;
using ZabActors.Zab;

namespace ZabActors.Node.Serialization;

/// <summary>
/// Binds every message a node sends to another process to its serializer (ids 100-103 of the range
/// 100-199 reserved for ZAB): ZAB messages, learner-connection frames, the client protocol and the
/// admin protocol. Nodes and the command-line tools register the same set.
/// </summary>
public static class ZabSerializers
{
    public static SerializerRegistry AddZabMessages(this SerializerRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.Bind<ZabMessage>(new ZabMessageSerializer());
        var frames = new NetworkFrameSerializer();
        registry.Bind<OpenConnection>(frames);
        registry.Bind<ConnectionPacket>(frames);
        registry.Bind<CloseConnection>(frames);
        var client = new ClientMessageSerializer();
        foreach (var type in ClientMessageSerializer.Types)
            registry.Bind(type, client);
        var admin = new AdminMessageSerializer();
        foreach (var type in AdminMessageSerializer.Types)
            registry.Bind(type, admin);
        return registry;
    }

    /// <summary>The runtime's defaults plus the ZAB messages.</summary>
    public static SerializerRegistry CreateRegistry() => SerializerRegistry.CreateDefault().AddZabMessages();
}
