using System.Text;

namespace ZabActors.Persistence.Tests;

/// <summary>CRC-32C against published check values, and the record checksum's coverage.</summary>
public sealed class ChecksumTests
{
    [Fact]
    public void Crc32C_matches_the_published_check_values()
    {
        Assert.Equal(0xE3069283u, Crc32C.Compute("123456789"u8));
        Assert.Equal(0u, Crc32C.Compute([]));
        // RFC 3720 (iSCSI) appendix B.4 test vectors.
        Assert.Equal(0x8A9136AAu, Crc32C.Compute(new byte[32]));
        Assert.Equal(0x62A8AB43u, Crc32C.Compute(Enumerable.Repeat((byte)0xFF, 32).ToArray()));
        Assert.Equal(0x46DD794Eu, Crc32C.Compute(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray()));
        Assert.Equal(0x113FDB5Cu, Crc32C.Compute(Enumerable.Range(0, 32).Select(i => (byte)(31 - i)).ToArray()));
    }

    [Fact]
    public void Crc32C_can_be_computed_in_pieces()
    {
        var data = Enumerable.Range(0, 1000).Select(i => (byte)(i * 13)).ToArray();
        for (var split = 0; split <= 17; split++)
            Assert.Equal(Crc32C.Compute(data), Crc32C.Append(Crc32C.Compute(data.AsSpan(0, split)), data.AsSpan(split)));
    }

    [Fact]
    public void The_record_checksum_covers_every_field_and_their_boundaries()
    {
        var original = new Persistent("id", 7, "manifest", Encoding.UTF8.GetBytes("payload"), "writer");
        var variants = new[]
        {
            new Persistent("id2", 7, "manifest", Encoding.UTF8.GetBytes("payload"), "writer"),
            new Persistent("id", 8, "manifest", Encoding.UTF8.GetBytes("payload"), "writer"),
            new Persistent("id", 7, "manifes", Encoding.UTF8.GetBytes("tpayload"), "writer"),
            new Persistent("id", 7, "manifest", Encoding.UTF8.GetBytes("payloaD"), "writer"),
            new Persistent("id", 7, "manifest", Encoding.UTF8.GetBytes("payload"), "writer2"),
            new Persistent("id", 7, "manifest", Encoding.UTF8.GetBytes("payload")),
        };
        var checksum = RecordChecksum.Of(original);
        Assert.Equal(checksum, RecordChecksum.Of(original with { }));
        Assert.All(variants, v => Assert.NotEqual(checksum, RecordChecksum.Of(v)));
        Assert.NotEqual(
            RecordChecksum.OfSnapshot("id", 7, 100, [1, 2]),
            RecordChecksum.OfSnapshot("id", 7, 101, [1, 2]));
    }
}
