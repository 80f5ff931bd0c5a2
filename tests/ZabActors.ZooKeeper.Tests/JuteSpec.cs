using System.Collections.Immutable;
using ZabActors.ZooKeeper.Data;
using ZabActors.ZooKeeper.Jute;
using ZabActors.ZooKeeper.Txns;

namespace ZabActors.ZooKeeper.Tests;

/// <summary>Jute's binary layout byte for byte, and txns round-tripping through ZooKeeper's encoding.</summary>
public sealed class JuteSpec
{
    [Fact]
    public void Ints_longs_booleans_strings_and_buffers_are_big_endian_with_length_prefixes()
    {
        var writer = new JuteWriter().WriteInt(1).WriteLong(-2).WriteBool(true).WriteString("/a").WriteBuffer((byte[]?)null);

        Assert.Equal(
            Convert.FromHexString("00000001" + "FFFFFFFFFFFFFFFE" + "01" + "00000002" + "2F61" + "FFFFFFFF"),
            writer.ToArray());
    }

    [Fact]
    public void Stat_is_the_eleven_fields_in_jute_order()
    {
        var stat = new Stat(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
        var writer = new JuteWriter();
        stat.Write(writer);

        Assert.Equal(8 * 6 + 4 * 5, writer.Length);
        var reader = new JuteReader(writer.Written);
        Assert.Equal(stat, Stat.Read(ref reader));
        reader.EnsureConsumed("stat");
    }

    [Fact]
    public void A_length_beyond_the_packet_is_an_error_not_an_allocation()
    {
        var bytes = Convert.FromHexString("7FFFFFFF01");

        var error = Assert.Throws<JuteException>(() => new JuteReader(bytes).ReadBuffer());

        Assert.Contains("runs past the end", error.Message);
    }

    [Fact]
    public void A_length_above_the_limit_is_refused()
    {
        var bytes = new JuteWriter().WriteBuffer(new byte[100]).ToArray();

        var error = Assert.Throws<JuteException>(() => new JuteReader(bytes, maxLength: 10).ReadBuffer());

        Assert.Contains("out of range", error.Message);
    }

    [Fact]
    public void Invalid_utf8_in_a_string_is_refused()
    {
        var bytes = Convert.FromHexString("00000002C328");

        Assert.Throws<JuteException>(() => new JuteReader(bytes).ReadString());
    }

    [Fact]
    public void A_boolean_byte_other_than_zero_or_one_is_refused()
    {
        Assert.Throws<JuteException>(() => new JuteReader([2]).ReadBool());
    }

    public static TheoryData<ZooTxn, OpCode> Txns => new()
    {
        { new CreateTxn("/a", [1, 2], Acl.OpenUnsafe, true, 3), OpCode.Create },
        { new CreateTxn("/a", null, Acl.CreatorAll, false, 0), OpCode.Create2 },
        { new CreateContainerTxn("/c", [], Acl.OpenUnsafe, 1), OpCode.CreateContainer },
        { new CreateTtlTxn("/t", [9], Acl.OpenUnsafe, 1, 5000), OpCode.CreateTtl },
        { new DeleteTxn("/a"), OpCode.Delete },
        { new SetDataTxn("/a", [7], 4), OpCode.SetData },
        { new SetAclTxn("/a", Acl.ReadUnsafe, 2), OpCode.SetAcl },
        { new CreateSessionTxn(30000), OpCode.CreateSession },
        { new CloseSessionTxn(["/e1", "/e2"]), OpCode.CloseSession },
        { new ErrorTxn(ErrorCode.NoNode), OpCode.Error },
        { new MultiTxn([new CreateTxn("/m", [1], Acl.OpenUnsafe, false, 1), new CheckVersionTxn("/m", 0), new DeleteTxn("/x")]), OpCode.Multi },
    };

    [Theory]
    [MemberData(nameof(Txns))]
    public void Every_txn_round_trips_through_its_encoding(ZooTxn txn, OpCode type)
    {
        var header = new TxnHeader(0x100000001, 7, 0x200000003, 1_700_000_000_000, type);

        var (decodedHeader, decoded) = TxnCodec.Decode(TxnCodec.Encode(header, txn));

        Assert.Equal(header, decodedHeader);
        Assert.Equal(Describe(txn), Describe(decoded));
    }

    [Fact]
    public void A_truncated_txn_fails_with_a_clear_error()
    {
        var bytes = TxnCodec.Encode(new TxnHeader(1, 1, 1, 1, OpCode.Create), new CreateTxn("/a", [1], Acl.OpenUnsafe, false, 1));

        Assert.Throws<JuteException>(() => TxnCodec.Decode(bytes.AsSpan(0, bytes.Length - 2)));
    }

    [Fact]
    public void Trailing_bytes_after_a_txn_are_refused()
    {
        var bytes = TxnCodec.Encode(new TxnHeader(1, 1, 1, 1, OpCode.Delete), new DeleteTxn("/a"));

        var error = Assert.Throws<JuteException>(() => TxnCodec.Decode([.. bytes, 0]));

        Assert.Contains("trailing", error.Message);
    }

    // Records hold arrays, whose equality is by reference: compare a printed form.
    private static string Describe(ZooTxn txn) => txn switch
    {
        CreateTxn c => $"create {c.Path} {Hex(c.Data)} {string.Join(",", c.Acl)} {c.Ephemeral} {c.ParentCVersion}",
        CreateContainerTxn c => $"container {c.Path} {Hex(c.Data)} {string.Join(",", c.Acl)} {c.ParentCVersion}",
        CreateTtlTxn c => $"ttl {c.Path} {Hex(c.Data)} {string.Join(",", c.Acl)} {c.ParentCVersion} {c.TtlMs}",
        SetDataTxn s => $"set {s.Path} {Hex(s.Data)} {s.Version}",
        SetAclTxn s => $"acl {s.Path} {string.Join(",", s.Acl)} {s.Version}",
        CloseSessionTxn c => $"close {string.Join(",", c.PathsToDelete)}",
        MultiTxn m => $"multi [{string.Join("; ", m.Txns.Select(Describe))}]",
        _ => txn.ToString(),
    };

    private static string Hex(byte[]? data) => data is null ? "null" : Convert.ToHexString(data);
}
