using System.Collections.Immutable;

namespace ZabActors.Zab;

/// <summary>
/// What a state machine asks its driver to do after one or more steps, as etcd's <c>Ready</c>.
/// The driver carries it out in this order: hand <see cref="Storage"/> to the log in order (each
/// confirmation comes back as an input), send <see cref="Send"/> in order, apply <see cref="Apply"/>
/// in order, and route <see cref="Events"/>. Every message in <see cref="Send"/> is safe to send at
/// once: a machine only emits acknowledgements after the writes they depend on are confirmed.
/// </summary>
public sealed record Ready(
    ImmutableArray<Envelope> Send,
    ImmutableArray<StorageOp> Storage,
    ImmutableArray<Txn> Apply,
    ImmutableArray<IZabEvent> Events)
{
    public static Ready Empty { get; } = new([], [], [], []);

    public bool IsEmpty => Send.IsEmpty && Storage.IsEmpty && Apply.IsEmpty && Events.IsEmpty;
}
