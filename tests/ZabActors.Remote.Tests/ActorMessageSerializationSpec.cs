using System.Buffers;
using ZabActors.Actors;

namespace ZabActors.Remote.Tests;

/// <summary>
/// The serializers of the runtime's own messages, without a network: refs are written as paths and read
/// back through a resolver installed for the thread, as remoting does while it deserializes.
/// </summary>
public sealed class ActorMessageSerializationSpec : IDisposable
{
    private static readonly Address Node = Address.Parse("zab.tcp://zab@127.0.0.1:2881");
    private readonly SerializerRegistry _registry = SerializerRegistry.CreateDefault();
    private readonly Dictionary<string, IActorRef> _resolved = new();
    private readonly ActorSystem _system = ActorSystem.Create("serialization");

    public void Dispose() => _system.Dispose();

    [Fact]
    public void Death_watch_messages_round_trip_with_their_refs_and_flags()
    {
        var watchee = Ref("/user/watchee#7");
        var watcher = Ref("/user/watcher#9");

        var watch = RoundTrip(new Watch(watchee, watcher));
        var unwatch = RoundTrip(new Unwatch(watchee, watcher));
        var notification = RoundTrip(new DeathWatchNotification(watchee, ExistenceConfirmed: false, AddressTerminated: true));

        Assert.Equal(new Watch(watchee, watcher), watch);
        Assert.Equal(new Unwatch(watchee, watcher), unwatch);
        Assert.Equal(new DeathWatchNotification(watchee, false, true), notification);
        Assert.Same(Terminate.Instance, RoundTrip(Terminate.Instance));
    }

    [Fact]
    public void Identify_and_ActorIdentity_round_trip_with_nested_ids()
    {
        var subject = Ref("/user/subject#3");

        Assert.Equal(new Identify(null), RoundTrip(new Identify(null)));
        Assert.Equal(new Identify("id"), RoundTrip(new Identify("id")));
        Assert.Equal(new Identify(17), RoundTrip(new Identify(17)));
        Assert.Equal(new ActorIdentity(42L, subject), RoundTrip(new ActorIdentity(42L, subject)));
        Assert.Equal(new ActorIdentity("x", null), RoundTrip(new ActorIdentity("x", null)));
    }

    [Fact]
    public void Lifecycle_messages_refs_and_status_replies_round_trip()
    {
        var subject = Ref("/user/subject#3");

        Assert.Same(PoisonPill.Instance, RoundTrip(PoisonPill.Instance));
        Assert.Same(Kill.Instance, RoundTrip(Kill.Instance));
        Assert.Equal(subject, RoundTrip(subject));
        Assert.Equal(new Status.Success("done"), RoundTrip(new Status.Success("done")));
        Assert.Same(Status.Success.Instance, RoundTrip(Status.Success.Instance));
        var failure = (Status.Failure)RoundTrip(new Status.Failure(new TimeoutException("slow"), 5));
        var cause = Assert.IsType<RemoteException>(failure.Cause);
        Assert.Equal(typeof(TimeoutException).FullName, cause.OriginalType);
        Assert.Equal("slow", cause.OriginalMessage);
        Assert.Equal(5, failure.State);
    }

    [Fact]
    public void A_local_ref_is_written_as_its_full_path_with_uid()
    {
        var actor = _system.ActorOf(Echo.Props(), "echo");

        Assert.Equal($"{actor.Path}#{actor.Path.Uid}", ActorRefSerialization.ToWireFormat(actor));
        Assert.Same(ActorRefSerialization.ToWireFormat(actor), ActorRefSerialization.ToWireFormat(actor));
        Assert.Equal("", ActorRefSerialization.ToWireFormat(ActorRefs.Nobody));
        Assert.Equal("", ActorRefSerialization.ToWireFormat(null));
    }

    [Fact]
    public void Reading_a_ref_outside_remoting_deserialization_fails_clearly()
    {
        var bytes = Serialize(new Identify(null), out var serializer);
        var watchBytes = Serialize(new Watch(Ref("/user/a"), Ref("/user/b")), out var watchSerializer);

        Assert.Equal(new Identify(null), serializer.FromBinary(bytes, serializer.Manifest(new Identify(null))));
        var error = Assert.Throws<InvalidOperationException>(() => watchSerializer.FromBinary(watchBytes, "W"));
        Assert.Contains("only be resolved while remoting deserializes", error.Message);
    }

    [Theory]
    [InlineData("W")]
    [InlineData("D")]
    [InlineData("Z")]
    public void Malformed_system_messages_fail_as_frame_format_errors(string manifest)
    {
        var serializer = new SystemMessageSerializer();
        using var scope = ActorRefSerialization.Use(Resolve);

        Assert.Throws<FrameFormatException>(() => serializer.FromBinary(new byte[] { 0x05, (byte)'z' }, manifest));
        Assert.Throws<FrameFormatException>(() => serializer.FromBinary(ReadOnlySpan<byte>.Empty, manifest));
    }

    [Fact]
    public void Unknown_flags_and_nested_serializers_are_refused()
    {
        var notification = Serialize(new DeathWatchNotification(Ref("/user/a"), true, false), out var serializer);
        notification[^1] = 0xFF;
        var identify = new byte[] { 0x63, 0x00 };
        using var scope = ActorRefSerialization.Use(Resolve);

        Assert.Throws<FrameFormatException>(() => serializer.FromBinary(notification, "D"));
        Assert.Throws<FrameFormatException>(() => _registry.FindSerializerFor(new Identify(null)).FromBinary(identify, "I"));
    }

    [Fact]
    public void Registering_the_runtime_messages_twice_changes_nothing_and_a_base_type_binding_covers_subtypes()
    {
        var before = _registry.FindSerializerFor(typeof(Watch));
        _registry.AddActorMessages();

        Assert.Same(before, _registry.FindSerializerFor(typeof(Watch)));
        Assert.Equal(MiscMessageSerializer.Id, _registry.FindSerializerFor(Ref("/user/x").GetType()).Identifier);
        Assert.False(_registry.TryFindSerializerFor(typeof(Version), out _));
    }

    private IInternalActorRef Ref(string path)
    {
        var resolved = (IInternalActorRef)_system.Provider.ResolveActorRef(ActorPath.Parse(Node + path));
        _resolved[ActorRefSerialization.ToWireFormat(resolved)] = resolved;
        return resolved;
    }

    private IActorRef Resolve(string path) =>
        _resolved.TryGetValue(path, out var known) ? known : throw new FrameFormatException($"unknown path {path}");

    private byte[] Serialize(object message, out ISerializer serializer)
    {
        serializer = _registry.FindSerializerFor(message);
        var buffer = new ArrayBufferWriter<byte>();
        serializer.ToBinary(message, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    private object RoundTrip(object message)
    {
        var bytes = Serialize(message, out var serializer);
        using var scope = ActorRefSerialization.Use(Resolve);
        return serializer.FromBinary(bytes, serializer.Manifest(message));
    }
}
