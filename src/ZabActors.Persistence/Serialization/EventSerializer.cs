namespace ZabActors.Persistence.Serialization;

/// <summary>
/// A typed <see cref="IEventSerializer"/> built from two functions, for applications that need no
/// serializer class of their own: <c>EventSerializer.Create&lt;Deposited&gt;("bank.deposited", ToBytes, FromBytes)</c>.
/// </summary>
public sealed class EventSerializer<T> : IEventSerializer where T : notnull
{
    private readonly Func<T, byte[]> toBinary;
    private readonly Func<byte[], T> fromBinary;

    public EventSerializer(string manifest, Func<T, byte[]> toBinary, Func<byte[], T> fromBinary)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(manifest);
        ArgumentNullException.ThrowIfNull(toBinary);
        ArgumentNullException.ThrowIfNull(fromBinary);
        Manifest = manifest;
        this.toBinary = toBinary;
        this.fromBinary = fromBinary;
    }

    public Type Type => typeof(T);

    public string Manifest { get; }

    public byte[] ToBinary(object value) => toBinary((T)value);

    public object FromBinary(byte[] bytes) => fromBinary(bytes);
}

/// <summary>Factory for <see cref="EventSerializer{T}"/>, so the type argument is inferred from the functions.</summary>
public static class EventSerializer
{
    public static EventSerializer<T> Create<T>(string manifest, Func<T, byte[]> toBinary, Func<byte[], T> fromBinary) where T : notnull =>
        new(manifest, toBinary, fromBinary);
}
