namespace ZabActors.Transport;

/// <summary>
/// Reassembles one chunked packet of a connection from its pieces, which arrive in order (the
/// connection's frame numbering already closed the connection on any gap). It owns the buffer and
/// refuses a packet larger than the configured bound before allocating for it.
/// </summary>
internal sealed class ChunkAssembler(long maxBytes)
{
    private MemoryStream? buffer;
    private int expectedIndex;
    private int expectedCount;

    /// <summary>True while a packet is half received.</summary>
    public bool InProgress => buffer is not null;

    /// <summary>
    /// Adds piece <paramref name="index"/> of <paramref name="count"/>. Returns the whole encoded packet
    /// after the last piece, null before it; returns a problem text (and forgets the packet) when the
    /// pieces do not fit together.
    /// </summary>
    public (byte[]? Packet, string? Problem) Add(int index, int count, ReadOnlySpan<byte> data)
    {
        if (count < 2 || index >= count)
        {
            return Fail($"chunk {index} of {count} is not part of a chunked packet");
        }
        if (index == 0 && buffer is null)
        {
            buffer = new MemoryStream();
            expectedCount = count;
            expectedIndex = 0;
        }
        if (buffer is null || index != expectedIndex || count != expectedCount)
        {
            return Fail($"chunk {index} of {count} arrived while expecting chunk {expectedIndex} of {expectedCount}");
        }
        if (buffer.Length + data.Length > maxBytes)
        {
            return Fail($"chunked packet exceeds the {maxBytes}-byte reassembly limit");
        }
        buffer.Write(data);
        expectedIndex++;
        if (expectedIndex < expectedCount)
        {
            return (null, null);
        }
        var packet = buffer.ToArray();
        buffer = null;
        return (packet, null);
    }

    private (byte[]?, string?) Fail(string problem)
    {
        buffer = null;
        return (null, problem);
    }
}
