using static ZabActors.Hocon.Tests.Hocon;

namespace ZabActors.Hocon.Tests;

public class UnitTests
{
    [Theory]
    [InlineData("200ms", 200 * TimeSpan.TicksPerMillisecond)]
    [InlineData("10s", 10 * TimeSpan.TicksPerSecond)]
    [InlineData("2 minutes", 2 * TimeSpan.TicksPerMinute)]
    [InlineData("1 d", TimeSpan.TicksPerDay)]
    [InlineData("1.5h", 90 * TimeSpan.TicksPerMinute)]
    [InlineData("3 hours", 3 * TimeSpan.TicksPerHour)]
    [InlineData("500us", 5000)]
    [InlineData("250 microseconds", 2500)]
    [InlineData("1000ns", 10)]
    [InlineData("2 millis", 2 * TimeSpan.TicksPerMillisecond)]
    [InlineData("  7 second  ", 7 * TimeSpan.TicksPerSecond)]
    [InlineData("300", 300 * TimeSpan.TicksPerMillisecond)]
    [InlineData("-5s", -5 * TimeSpan.TicksPerSecond)]
    [InlineData("1e3ms", TimeSpan.TicksPerSecond)]
    public void Durations_read_a_number_and_an_optional_unit(string text, long ticks)
    {
        Assert.Equal(TimeSpan.FromTicks(ticks), Parse($"d = \"{text}\"").GetTimeSpan("d"));
    }

    [Fact]
    public void A_bare_number_duration_is_milliseconds()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(250), Parse("d = 250").GetTimeSpan("d"));
        Assert.Equal(TimeSpan.FromTicks(15000), Parse("d = 1.5").GetTimeSpan("d"));
    }

    [Fact]
    public void Unquoted_durations_with_spaces_are_concatenated_strings()
    {
        Assert.Equal(TimeSpan.FromMinutes(2), Parse("d = 2 minutes").GetTimeSpan("d"));
    }

    [Fact]
    public void Infinite_is_the_infinite_timeout()
    {
        Assert.Equal(Timeout.InfiniteTimeSpan, Parse("d = infinite").GetTimeSpan("d"));
    }

    [Theory]
    [InlineData("10 parsecs", "unknown duration unit 'parsecs'")]
    [InlineData("10S", "unknown duration unit 'S'")]
    [InlineData("abc", "no number")]
    [InlineData("1.2.3s", "not a number")]
    [InlineData("99999999999999999999 d", "out of range")]
    public void Bad_durations_name_the_path_and_the_problem(string text, string problem)
    {
        var error = Assert.Throws<ConfigException>(() => Parse($"zab.tick = \"{text}\"").GetTimeSpan("zab.tick"));
        Assert.Contains("'zab.tick'", error.Message);
        Assert.Contains(problem, error.Message);
    }

    [Theory]
    [InlineData("64MiB", 64L * 1024 * 1024)]
    [InlineData("10k", 10240)]
    [InlineData("10K", 10240)]
    [InlineData("1 GB", 1_000_000_000)]
    [InlineData("1kB", 1000)]
    [InlineData("2 kibibytes", 2048)]
    [InlineData("3 megabytes", 3_000_000)]
    [InlineData("1.5K", 1536)]
    [InlineData("1Ei", 1L << 60)]
    [InlineData("512", 512)]
    [InlineData("7 bytes", 7)]
    [InlineData("5b", 5)]
    [InlineData("1 m", 1 << 20)]
    [InlineData("2Gi", 2L << 30)]
    [InlineData("1 TB", 1_000_000_000_000)]
    public void Sizes_read_a_number_and_an_optional_unit(string text, long bytes)
    {
        Assert.Equal(bytes, Parse($"s = \"{text}\"").GetByteSize("s"));
    }

    [Fact]
    public void A_bare_number_size_is_bytes()
    {
        Assert.Equal(1048576, Parse("s = 1048576").GetByteSize("s"));
    }

    [Theory]
    [InlineData("1 XB", "unknown size unit 'XB'")]
    [InlineData("1 kb", "unknown size unit 'kb'")]
    [InlineData("-1k", "cannot be negative")]
    [InlineData("20EiB", "too large")]
    [InlineData("1 YB", "too large")]
    public void Bad_sizes_name_the_path_and_the_problem(string text, string problem)
    {
        var error = Assert.Throws<ConfigException>(() => Parse($"zab.buf = \"{text}\"").GetByteSize("zab.buf"));
        Assert.Contains("'zab.buf'", error.Message);
        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void Huge_numbers_are_out_of_range_durations_and_sizes_not_crashes()
    {
        var config = Parse("d = 1e300\nn = -1e300\nl = 9223372036854775807");
        Assert.Contains("out of range", Assert.Throws<ConfigException>(() => config.GetTimeSpan("d")).Message);
        Assert.Contains("out of range", Assert.Throws<ConfigException>(() => config.GetByteSize("n")).Message);
        Assert.Contains("out of range", Assert.Throws<ConfigException>(() => config.GetTimeSpan("l")).Message);
        Assert.Equal(long.MaxValue, config.GetByteSize("l"));
    }

    [Fact]
    public void Objects_are_not_durations_or_sizes()
    {
        var config = Parse("o { x = 1 }");
        Assert.Contains("expected duration", Assert.Throws<ConfigException>(() => config.GetTimeSpan("o")).Message);
        Assert.Contains("expected size in bytes", Assert.Throws<ConfigException>(() => config.GetByteSize("o")).Message);
    }
}
