using System.Buffers;
using System.Runtime.CompilerServices;
using ZabActors.Actors;

namespace ZabActors.Remote.Serialization;

/// <summary>
/// How actor refs travel inside messages: as their full path with uid
/// (<c>zab.tcp://zab@10.0.0.1:2552/user/a#17</c>), resolved on arrival by the receiving system, which
/// turns another node's path into a remote ref. While remoting deserializes an inbound message it
/// installs the receiving system's resolver for the current thread (as Akka's
/// <c>Serialization.WithTransport</c> does), so serializers hold no reference to any one system and a
/// registry can be shared by several systems in one process.
/// </summary>
public static class ActorRefSerialization
{
    [ThreadStatic] private static Func<string, IActorRef>? t_resolver;

    // Keyed by the path instance: an actor's path object lives as long as the actor, so the text is
    // computed once per actor instead of once per message.
    private static readonly ConditionalWeakTable<ActorPath, string> PathTexts = new();

    /// <summary>True while remoting deserializes a message on this thread, i.e. when refs can be read.</summary>
    public static bool CanResolve => t_resolver is not null;

    /// <summary>Writes <paramref name="actorRef"/> as its full path; null and Nobody as the empty string.</summary>
    public static void WriteActorRef(this IBufferWriter<byte> output, IActorRef? actorRef) =>
        output.WriteString(ToWireFormat(actorRef));

    /// <summary>Reads a ref written by <see cref="WriteActorRef"/>; null for the empty string.</summary>
    public static IActorRef? ReadActorRef(ref SpanReader reader)
    {
        var path = reader.ReadString();
        return path.Length == 0 ? null : Resolve(path);
    }

    /// <summary>The full path with uid, cached per path instance; empty for null and Nobody.</summary>
    public static string ToWireFormat(IActorRef? actorRef)
    {
        if (actorRef is null or NobodyActorRef)
            return "";
        if (actorRef is RemoteActorRef remote)
            return remote.PathText;
        return PathText(actorRef.Path);
    }

    internal static string PathText(ActorPath path) =>
        PathTexts.TryGetValue(path, out var text) ? text : PathTexts.GetValue(path, static p => p.ToSerializationFormat());

    /// <summary>Resolves a path read from a message with the receiving system's provider.</summary>
    public static IActorRef Resolve(string path)
    {
        var resolver = t_resolver ?? throw new InvalidOperationException(
            "actor refs in messages can only be resolved while remoting deserializes an inbound message");
        return resolver(path);
    }

    /// <summary>Installs <paramref name="resolver"/> for this thread until the returned scope is disposed.</summary>
    internal static ResolverScope Use(Func<string, IActorRef>? resolver)
    {
        var previous = t_resolver;
        t_resolver = resolver;
        return new ResolverScope(previous);
    }

    /// <summary>Restores the previous resolver of the thread.</summary>
    internal readonly struct ResolverScope(Func<string, IActorRef>? previous) : IDisposable
    {
        public void Dispose() => t_resolver = previous;
    }
}
