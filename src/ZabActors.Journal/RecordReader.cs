using System.Buffers.Binary;
using ZabActors.Zab;

namespace ZabActors.Journal;

/// <summary>
/// Reads one record written by <see cref="RecordWriter"/>: the checksum is verified before any field is
/// read, and every read is bounds-checked, so a torn or flipped record fails with a <see cref="CorruptRecordException"/>.
/// </summary>
internal ref struct RecordReader
{
    private readonly string manifest;
    private ReadOnlySpan<byte> body;

    public RecordReader(ReadOnlySpan<byte> record, string manifest)
    {
        this.manifest = manifest;
        if (record.Length < 1 + sizeof(uint))
        {
            throw Corrupt($"{record.Length} bytes is shorter than any record");
        }
        var payload = record[..^sizeof(uint)];
        var stored = BinaryPrimitives.ReadUInt32LittleEndian(record[^sizeof(uint)..]);
        var computed = Crc32C.Compute(payload);
        if (stored != computed)
        {
            throw Corrupt($"checksum mismatch (stored {stored:x8}, computed {computed:x8})");
        }
        if (payload[0] != RecordWriter.FormatVersion)
        {
            throw Corrupt($"unknown format version {payload[0]}");
        }
        if (payload.Length < 2 || payload[1] != RecordWriter.Kind(manifest))
        {
            throw Corrupt(payload.Length < 2 ? "no record kind" : $"the record is of kind '{(char)payload[1]}'");
        }
        body = payload[2..];
    }

    public long ReadInt64()
    {
        var value = BinaryPrimitives.ReadInt64LittleEndian(Take(sizeof(long)));
        return value;
    }

    public int ReadCount()
    {
        var value = BinaryPrimitives.ReadInt32LittleEndian(Take(sizeof(int)));
        if (value < 0 || value > body.Length)
        {
            throw Corrupt($"length {value} exceeds the {body.Length} bytes left");
        }
        return value;
    }

    public Bytes ReadBytes() => Bytes.CopyFrom(Take(ReadCount()));

    public Txn ReadTxn() => new(new Zxid(ReadInt64()), ReadBytes());

    /// <summary>Fails when bytes are left over: the record is not what its manifest says.</summary>
    public readonly void End()
    {
        if (!body.IsEmpty)
        {
            throw Corrupt($"{body.Length} bytes left after the last field");
        }
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > body.Length)
        {
            throw Corrupt($"needs {count} more bytes, {body.Length} left");
        }
        var taken = body[..count];
        body = body[count..];
        return taken;
    }

    private readonly CorruptRecordException Corrupt(string detail) => new(manifest, detail);
}
