using Akka.Configuration;

namespace ZabActors.Transport.Tests;

/// <summary>The transport's pure helpers, without an actor system: reassembly, warning rate limits and settings.</summary>
public sealed class HelperTests
{
    [Fact]
    public void Chunks_in_order_reassemble_the_packet()
    {
        var assembler = new ChunkAssembler(maxBytes: 100);
        Assert.Equal((null, null), assembler.Add(0, 3, [1, 2]));
        Assert.True(assembler.InProgress);
        Assert.Equal((null, null), assembler.Add(1, 3, [3]));
        var (packet, problem) = assembler.Add(2, 3, [4, 5]);
        Assert.Null(problem);
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5 }, packet);
        Assert.False(assembler.InProgress);
    }

    [Theory]
    [InlineData(1, 3)]
    [InlineData(0, 4)]
    [InlineData(2, 3)]
    public void A_chunk_out_of_place_is_a_problem(int index, int count)
    {
        var assembler = new ChunkAssembler(maxBytes: 100);
        assembler.Add(0, 3, [1]);
        assembler.Add(1, 3, [1]);
        var second = index == 2 ? new ChunkAssembler(100) : assembler;
        var (packet, problem) = second.Add(index, count, [2]);
        Assert.Null(packet);
        Assert.NotNull(problem);
        Assert.False(second.InProgress);
    }

    [Fact]
    public void A_chunked_packet_over_the_limit_is_refused_before_it_grows()
    {
        var assembler = new ChunkAssembler(maxBytes: 10);
        assembler.Add(0, 3, new byte[6]);
        var (packet, problem) = assembler.Add(1, 3, new byte[6]);
        Assert.Null(packet);
        Assert.Contains("10-byte", problem);
        Assert.NotNull(assembler.Add(0, 1, [1]).Problem);
    }

    [Fact]
    public void A_stranger_is_warned_about_once_per_interval()
    {
        var warnings = new SenderWarnings(TimeSpan.FromSeconds(10));
        var start = DateTimeOffset.UnixEpoch;
        Assert.True(warnings.ShouldWarn("a", start, out var suppressed));
        Assert.Equal(0, suppressed);
        Assert.False(warnings.ShouldWarn("a", start.AddSeconds(1), out _));
        Assert.False(warnings.ShouldWarn("a", start.AddSeconds(9), out _));
        Assert.True(warnings.ShouldWarn("b", start.AddSeconds(9), out _));
        Assert.True(warnings.ShouldWarn("a", start.AddSeconds(10), out suppressed));
        Assert.Equal(2, suppressed);
    }

    [Fact]
    public void Batch_and_chunk_sizes_derive_from_the_maximum_frame_size()
    {
        var settings = TransportSettings.Create(ConfigurationFactory.ParseString("akka.remote.dot-netty.tcp.maximum-frame-size = 64000b"));
        Assert.Equal(64000 - 4096, settings.ChunkBytes);
        Assert.Equal(64000 - 4096, settings.MaxBatchBytes);
        Assert.Equal(512, settings.MaxBatchPackets);
        Assert.Equal(TimeSpan.FromSeconds(10), settings.UnknownSenderLogInterval);

        var explicitSizes = TransportSettings.Create(ConfigurationFactory.ParseString("zab.transport { chunk-size = 1000b, max-batch-size = 2000b, max-batch-packets = 8 }"));
        Assert.Equal((1000, 2000, 8), (explicitSizes.ChunkBytes, explicitSizes.MaxBatchBytes, explicitSizes.MaxBatchPackets));
        Assert.Throws<ConfigurationException>(() => TransportSettings.Create(ConfigurationFactory.ParseString("zab.transport.max-batch-packets = 0")));
    }

    [Fact]
    public void Remote_hocon_turns_untrusted_mode_on_and_parses()
    {
        var config = TransportConfig.Remote(new PeerEndpointOptions("127.0.0.1", 2888) { MaximumFrameBytes = 256000, Tls = new PeerTlsOptions("/p \"x\".pfx", "pw") });
        Assert.True(config.GetBoolean("akka.remote.untrusted-mode"));
        Assert.Equal(2888, config.GetInt("akka.remote.dot-netty.tcp.port"));
        Assert.True(config.GetBoolean("akka.remote.dot-netty.tcp.enable-ssl"));
        Assert.Equal("/p \"x\".pfx", config.GetString("akka.remote.dot-netty.tcp.ssl.certificate.path"));
        Assert.True(config.GetBoolean("akka.remote.dot-netty.tcp.ssl.require-mutual-authentication"));
        Assert.Equal("ZabActors.Transport.Serialization.ZabMessageSerializer, ZabActors.Transport", config.GetString("akka.actor.serializers.zab-message"));
    }
}
