using System.Buffers.Binary;
using System.Numerics;

namespace ZabActors.Persistence;

/// <summary>
/// CRC-32C (Castagnoli), the checksum every stored record and snapshot carries. Built on
/// <see cref="BitOperations.Crc32C(uint, ulong)"/>, which uses the SSE4.2/ARMv8 instruction when
/// the CPU has one, so no package is needed.
/// </summary>
public static class Crc32C
{
    /// <summary>CRC-32C of <paramref name="data"/> (check value of "123456789" is 0xE3069283).</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => Append(0, data);

    /// <summary>Continues <paramref name="crc"/> (a finished CRC of earlier bytes) over more bytes.</summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        var state = ~crc;
        while (data.Length >= sizeof(ulong))
        {
            state = BitOperations.Crc32C(state, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[sizeof(ulong)..];
        }
        foreach (var b in data)
            state = BitOperations.Crc32C(state, b);
        return ~state;
    }
}
