using System.Buffers;
using ZabActors.Actors;

namespace ZabActors.Remote.Serialization;

/// <summary>
/// Carries the runtime's everyday messages between nodes (after Akka's <c>MiscMessageSerializer</c>):
/// <see cref="Identify"/> and <see cref="ActorIdentity"/> (selections across nodes), <see cref="PoisonPill"/>,
/// <see cref="Kill"/>, an <see cref="IActorRef"/> sent as a message, and <see cref="Status"/> replies.
/// Ids and values inside them are nested messages written with the owning registry; a failure's
/// exception travels as type name and message and arrives as <see cref="RemoteException"/>.
/// </summary>
public sealed class MiscMessageSerializer(SerializerRegistry registry) : ISerializer
{
    public const int Id = 6;
    private const string IdentifyManifest = "I";
    private const string ActorIdentityManifest = "A";
    private const string PoisonPillManifest = "P";
    private const string KillManifest = "K";
    private const string ActorRefManifest = "R";
    private const string SuccessManifest = "S";
    private const string FailureManifest = "F";

    /// <summary>The message types this serializer is bound to.</summary>
    public static IReadOnlyList<Type> Types { get; } =
    [
        typeof(Identify), typeof(ActorIdentity), typeof(PoisonPill), typeof(Kill), typeof(IActorRef),
        typeof(Status.Success), typeof(Status.Failure),
    ];

    public int Identifier => Id;

    public string Manifest(object message) => message switch
    {
        Identify => IdentifyManifest,
        ActorIdentity => ActorIdentityManifest,
        PoisonPill => PoisonPillManifest,
        Kill => KillManifest,
        IActorRef => ActorRefManifest,
        Status.Success => SuccessManifest,
        Status.Failure => FailureManifest,
        _ => throw new NotSerializableException($"{nameof(MiscMessageSerializer)} cannot serialize {message.GetType().FullName}"),
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
            case Identify identify:
                registry.WriteNested(output, identify.MessageId);
                break;
            case ActorIdentity identity:
                output.WriteActorRef(identity.Subject);
                registry.WriteNested(output, identity.MessageId);
                break;
            case PoisonPill or Kill:
                break;
            case IActorRef actorRef:
                output.WriteActorRef(actorRef);
                break;
            case Status.Success success:
                registry.WriteNested(output, success.Value);
                break;
            case Status.Failure failure:
                var cause = failure.Cause as RemoteException;
                output.WriteString(cause?.OriginalType ?? failure.Cause.GetType().FullName ?? failure.Cause.GetType().Name);
                output.WriteString(cause?.OriginalMessage ?? failure.Cause.Message);
                registry.WriteNested(output, failure.State);
                break;
            default:
                throw new NotSerializableException($"{nameof(MiscMessageSerializer)} cannot serialize {message.GetType().FullName}");
        }
    }

    public object FromBinary(ReadOnlySpan<byte> bytes, string manifest)
    {
        var reader = new SpanReader(bytes);
        switch (manifest)
        {
            case IdentifyManifest:
                return new Identify(registry.ReadNested(ref reader));
            case ActorIdentityManifest:
                var subject = ActorRefSerialization.ReadActorRef(ref reader);
                return new ActorIdentity(registry.ReadNested(ref reader), subject);
            case PoisonPillManifest:
                reader.EnsureConsumed();
                return PoisonPill.Instance;
            case KillManifest:
                reader.EnsureConsumed();
                return Kill.Instance;
            case ActorRefManifest:
                var actorRef = ActorRefSerialization.ReadActorRef(ref reader) ?? ActorRefs.Nobody;
                reader.EnsureConsumed();
                return actorRef;
            case SuccessManifest:
                var value = registry.ReadNested(ref reader);
                return value is null ? Status.Success.Instance : new Status.Success(value);
            case FailureManifest:
                var type = reader.ReadString();
                var text = reader.ReadString();
                return new Status.Failure(new RemoteException(type, text), registry.ReadNested(ref reader));
            default:
                throw new FrameFormatException($"unknown message manifest '{manifest}'");
        }
    }
}
