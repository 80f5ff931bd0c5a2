namespace ZabActors.Zab;

/// <summary>
/// An immutable byte payload compared by content, so that records carrying transaction data or
/// snapshots (Txn, Proposal, Snap) have value equality. We chose a wrapper over ReadOnlyMemory
/// rather than a bare byte[] because arrays compare by reference and would break record equality.
/// </summary>
public readonly struct Bytes : IEquatable<Bytes>
{
    private readonly ReadOnlyMemory<byte> memory;

    private Bytes(ReadOnlyMemory<byte> memory) => this.memory = memory;

    public static Bytes Empty => default;

    /// <summary>Takes ownership of the array without copying; the caller must never change it again.</summary>
    public static Bytes Wrap(byte[] data) => new(data ?? throw new ArgumentNullException(nameof(data)));

    public static Bytes CopyFrom(ReadOnlySpan<byte> data) => new(data.ToArray());

    public static Bytes FromUtf8(string text) => new(System.Text.Encoding.UTF8.GetBytes(text));

    public ReadOnlyMemory<byte> Memory => memory;

    public ReadOnlySpan<byte> Span => memory.Span;

    public int Length => memory.Length;

    public string ToUtf8() => System.Text.Encoding.UTF8.GetString(memory.Span);

    public bool Equals(Bytes other) => memory.Span.SequenceEqual(other.memory.Span);

    public override bool Equals(object? obj) => obj is Bytes other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(memory.Span);
        return hash.ToHashCode();
    }

    public static bool operator ==(Bytes left, Bytes right) => left.Equals(right);

    public static bool operator !=(Bytes left, Bytes right) => !left.Equals(right);

    public override string ToString() => $"{Length}B";
}
