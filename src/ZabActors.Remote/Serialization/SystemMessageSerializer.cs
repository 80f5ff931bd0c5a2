using System.Buffers;
using ZabActors.Actors;

namespace ZabActors.Remote.Serialization;

/// <summary>
/// Carries the system messages of remote death watch and remote stop: <see cref="Watch"/> and
/// <see cref="Unwatch"/> (watchee and watcher paths), <see cref="DeathWatchNotification"/> (the dead
/// actor's path and two flags) and <see cref="Terminate"/> (empty). One-letter manifests keep frames small.
/// </summary>
public sealed class SystemMessageSerializer : ISerializer
{
    public const int Id = 5;
    private const string WatchManifest = "W";
    private const string UnwatchManifest = "U";
    private const string DeathWatchNotificationManifest = "D";
    private const string TerminateManifest = "T";
    private const byte ExistenceConfirmedFlag = 1;
    private const byte AddressTerminatedFlag = 2;

    public int Identifier => Id;

    public string Manifest(object message) => message switch
    {
        Watch => WatchManifest,
        Unwatch => UnwatchManifest,
        DeathWatchNotification => DeathWatchNotificationManifest,
        Terminate => TerminateManifest,
        _ => throw new NotSerializableException($"{nameof(SystemMessageSerializer)} cannot serialize {message.GetType().FullName}"),
    };

    public byte[] ToBinary(object message)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        ToBinary(message, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    public void ToBinary(object message, IBufferWriter<byte> output)
    {
        switch (message)
        {
            case Watch watch:
                output.WriteActorRef(watch.Watchee);
                output.WriteActorRef(watch.Watcher);
                break;
            case Unwatch unwatch:
                output.WriteActorRef(unwatch.Watchee);
                output.WriteActorRef(unwatch.Watcher);
                break;
            case DeathWatchNotification notification:
                output.WriteActorRef(notification.Actor);
                output.WriteByte((byte)((notification.ExistenceConfirmed ? ExistenceConfirmedFlag : 0)
                                        | (notification.AddressTerminated ? AddressTerminatedFlag : 0)));
                break;
            case Terminate:
                break;
            default:
                throw new NotSerializableException($"{nameof(SystemMessageSerializer)} cannot serialize {message.GetType().FullName}");
        }
    }

    public object FromBinary(ReadOnlySpan<byte> bytes, string manifest)
    {
        var reader = new SpanReader(bytes);
        object message = manifest switch
        {
            WatchManifest => new Watch(ReadInternalRef(ref reader), ReadInternalRef(ref reader)),
            UnwatchManifest => new Unwatch(ReadInternalRef(ref reader), ReadInternalRef(ref reader)),
            DeathWatchNotificationManifest => ReadDeathWatchNotification(ref reader),
            TerminateManifest => Terminate.Instance,
            _ => throw new FrameFormatException($"unknown system message manifest '{manifest}'"),
        };
        reader.EnsureConsumed();
        return message;
    }

    private static DeathWatchNotification ReadDeathWatchNotification(ref SpanReader reader)
    {
        var actor = ReadInternalRef(ref reader);
        var flags = reader.ReadByte();
        if ((flags & ~(ExistenceConfirmedFlag | AddressTerminatedFlag)) != 0)
            throw new FrameFormatException($"unknown death watch flags {flags}");
        return new DeathWatchNotification(actor, (flags & ExistenceConfirmedFlag) != 0, (flags & AddressTerminatedFlag) != 0);
    }

    private static IInternalActorRef ReadInternalRef(ref SpanReader reader) =>
        ActorRefSerialization.ReadActorRef(ref reader) switch
        {
            IInternalActorRef resolved => resolved,
            null => throw new FrameFormatException("system message without an actor path"),
            var other => throw new FrameFormatException($"{other} is not a runtime actor ref"),
        };
}
