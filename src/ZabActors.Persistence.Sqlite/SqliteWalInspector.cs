using System.Buffers.Binary;

namespace ZabActors.Persistence.Sqlite;

/// <summary>
/// Reads a SQLite write-ahead log the way SQLite's recovery does, to tell whether it ends in a
/// torn transaction, so the store can log what SQLite is about to drop silently.
/// </summary>
/// <remarks>
/// <para>WAL layout (sqlite.org/fileformat2.html): a 32-byte header (magic, version, page size,
/// checkpoint seq, salt-1, salt-2, checksum) and frames of a 24-byte header (page nr, db size
/// after commit or 0, salts, cumulative checksum) plus one page. A frame counts only if its salts
/// match the header and its checksum continues the chain; the last valid frame with a non-zero
/// db size ends the last committed transaction.</para>
/// <para>Torn tail: bytes of the current WAL generation after that last commit: frames of an
/// unfinished transaction, a frame whose checksum breaks the chain, a partial frame, or a header
/// that is incomplete or fails its checksum. With <c>synchronous=FULL</c> a commit is
/// acknowledged only after its frames are fsynced, so none of these bytes was ever acknowledged.
/// Frames with other salts are leftovers of an earlier generation after a checkpoint restarted
/// the log; they are normal and not reported.</para>
/// </remarks>
internal static class SqliteWalInspector
{
    private const int HeaderBytes = 32;
    private const int FrameHeaderBytes = 24;
    private const uint MagicLittleEndian = 0x377f0682;
    private const uint MagicBigEndian = 0x377f0683;
    private const uint FormatVersion = 3007000;

    /// <summary>The torn tail of the WAL at <paramref name="walPath"/>, or null when it ends cleanly.</summary>
    public static TornTail? Inspect(string walPath)
    {
        if (!File.Exists(walPath))
            return null;
        using var file = new FileStream(walPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var length = file.Length;
        if (length == 0)
            return null;
        var header = new byte[HeaderBytes];
        if (length < HeaderBytes || file.ReadAtLeast(header, HeaderBytes, throwOnEndOfStream: false) < HeaderBytes)
            return new TornTail(length, "incomplete WAL header");
        if (ParseHeader(header) is not { } wal)
            return new TornTail(length, "WAL header fails its checksum");
        return ScanFrames(file, length, wal);
    }

    private static WalHeader? ParseHeader(byte[] header)
    {
        var magic = BinaryPrimitives.ReadUInt32BigEndian(header);
        if (magic is not (MagicLittleEndian or MagicBigEndian))
            return null;
        var bigEndian = (magic & 1) == 1;
        var version = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(4));
        var pageSize = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(8));
        if (version != FormatVersion || pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) != 0)
            return null;
        var checksum = Checksum(bigEndian, header.AsSpan(0, 24), (0, 0));
        if (checksum.S0 != BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(24))
            || checksum.S1 != BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(28)))
            return null;
        return new WalHeader(bigEndian, (int)pageSize,
            BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(16)),
            BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(20)),
            checksum);
    }

    private static TornTail? ScanFrames(FileStream file, long length, WalHeader wal)
    {
        var frame = new byte[FrameHeaderBytes + wal.PageSize];
        var offset = (long)HeaderBytes;
        var committedEnd = offset;
        var chain = wal.Checksum;
        while (offset < length)
        {
            var read = file.ReadAtLeast(frame, frame.Length, throwOnEndOfStream: false);
            if (read < frame.Length)
                return new TornTail(length - committedEnd, "partial frame at the end of the WAL");
            if (BinaryPrimitives.ReadUInt32BigEndian(frame.AsSpan(8)) != wal.Salt1
                || BinaryPrimitives.ReadUInt32BigEndian(frame.AsSpan(12)) != wal.Salt2)
                break;
            var next = Checksum(wal.BigEndian, frame.AsSpan(0, 8), chain);
            next = Checksum(wal.BigEndian, frame.AsSpan(FrameHeaderBytes), next);
            if (BinaryPrimitives.ReadUInt32BigEndian(frame) == 0
                || next.S0 != BinaryPrimitives.ReadUInt32BigEndian(frame.AsSpan(16))
                || next.S1 != BinaryPrimitives.ReadUInt32BigEndian(frame.AsSpan(20)))
                return new TornTail(offset + frame.Length - committedEnd, "a frame fails its checksum");
            chain = next;
            offset += frame.Length;
            if (BinaryPrimitives.ReadUInt32BigEndian(frame.AsSpan(4)) != 0)
                committedEnd = offset;
        }
        return offset > committedEnd
            ? new TornTail(offset - committedEnd, "frames of a transaction that never committed")
            : null;
    }

    /// <summary>SQLite's WAL checksum: Fibonacci-weighted sums over pairs of 32-bit words.</summary>
    private static (uint S0, uint S1) Checksum(bool bigEndian, ReadOnlySpan<byte> data, (uint S0, uint S1) start)
    {
        var (s0, s1) = start;
        for (var i = 0; i + 8 <= data.Length; i += 8)
        {
            var x0 = bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(data[i..]) : BinaryPrimitives.ReadUInt32LittleEndian(data[i..]);
            var x1 = bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(data[(i + 4)..]) : BinaryPrimitives.ReadUInt32LittleEndian(data[(i + 4)..]);
            unchecked
            {
                s0 += x0 + s1;
                s1 += x1 + s0;
            }
        }
        return (s0, s1);
    }

    /// <summary>What a valid WAL header says: checksum byte order, page size, this generation's salts, and the checksum seed.</summary>
    private sealed record WalHeader(bool BigEndian, int PageSize, uint Salt1, uint Salt2, (uint S0, uint S1) Checksum);

    /// <summary>How many bytes at the end of the WAL belong to no committed transaction, and why.</summary>
    public readonly record struct TornTail(long Bytes, string Reason);
}
