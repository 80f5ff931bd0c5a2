using System.Text.Json;
using ZabActors.Hocon;

namespace ZabActors.Node.Tests;

public sealed class ConfigCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "zab-node-" + Guid.NewGuid().ToString("N"));

    public ConfigCommandTests()
    {
        Directory.CreateDirectory(_dir);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort cleanup of a scratch directory.
        }
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static (int ExitCode, string Out, string Error) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exitCode = Program.Run(args, stdout, stderr);
        return (exitCode, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Config_prints_the_file_resolved_over_the_reference_as_indented_json()
    {
        var file = Write("node.conf", "zab.port = 2181\nzab.copy = ${zab.port}\nextra { list = [1, 2] }");
        var (exitCode, output, error) = Run("config", file);
        Assert.Equal(0, exitCode);
        Assert.Equal("", error);
        var expected = ConfigurationFactory.ParseFile(file, new HoconParseOptions { Fallback = ConfigCommand.LoadReference() });
        Assert.Equal(expected.ToJson(indented: true) + Environment.NewLine, output);
        Assert.Contains("\n  \"zab\": {\n", output);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(2181, json.RootElement.GetProperty("zab").GetProperty("copy").GetInt32());
    }

    [Fact]
    public void The_file_is_layered_over_the_reference_and_may_refer_to_it()
    {
        var reference = ConfigurationFactory.ParseString("zab { tick = 200ms, data-dir = /var/zab, peers = [a] }");
        var file = Write("node.conf", "zab.data-dir = /srv/zab\nzab.snap = ${zab.tick}\nzab.peers += b");
        var stdout = new StringWriter();
        var exitCode = ConfigCommand.Run(file, reference, new NodeConsole(stdout, new StringWriter()));
        Assert.Equal(0, exitCode);
        using var json = JsonDocument.Parse(stdout.ToString());
        var zab = json.RootElement.GetProperty("zab");
        Assert.Equal("200ms", zab.GetProperty("tick").GetString());
        Assert.Equal("/srv/zab", zab.GetProperty("data-dir").GetString());
        Assert.Equal("200ms", zab.GetProperty("snap").GetString());
        Assert.Equal(["a", "b"], zab.GetProperty("peers").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void No_reference_prints_the_file_alone()
    {
        var file = Write("empty.conf", "# nothing here\n");
        var (exitCode, output, _) = Run("config", file, "--no-reference");
        Assert.Equal(0, exitCode);
        Assert.Equal("{}" + Environment.NewLine, output);
        Assert.Contains("\"zab\"", Run("config", file).Out);
    }

    [Fact]
    public void The_embedded_reference_configuration_parses()
    {
        var reference = ConfigCommand.LoadReference();
        Assert.True(reference.HasPath("zab"));
    }

    [Theory]
    [InlineData("bad.conf", "zab {\n  port = [1, 2\n", ":3:1: expected ']'")]
    [InlineData("unresolved.conf", "zab.a = ${zab.missing}", "could not resolve substitution ${zab.missing}")]
    [InlineData("typo.conf", "zab.a = x@y", ":1:10: reserved character '@'")]
    public void A_bad_configuration_is_one_line_on_stderr_and_exit_code_2(string name, string content, string expected)
    {
        var file = Write(name, content);
        var (exitCode, output, error) = Run("config", file);
        Assert.Equal(2, exitCode);
        Assert.Equal("", output);
        Assert.StartsWith("zabactors config: ", error);
        Assert.Contains(expected, error);
        Assert.Single(error.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void A_missing_file_is_exit_code_2()
    {
        var (exitCode, output, error) = Run("config", Path.Combine(_dir, "absent.conf"));
        Assert.Equal(2, exitCode);
        Assert.Equal("", output);
        Assert.Contains("not found", error);
    }

    [Theory]
    [InlineData]
    [InlineData("config")]
    [InlineData("config", "a.conf", "--bogus")]
    [InlineData("no-such-command")]
    public void A_bad_command_line_is_exit_code_2(params string[] args)
    {
        var (exitCode, _, error) = Run(args);
        Assert.Equal(2, exitCode);
        Assert.Contains("zabactors --help", error);
    }

    [Fact]
    public void Help_lists_the_config_command()
    {
        var (exitCode, output, _) = Run("--help");
        Assert.Equal(0, exitCode);
        Assert.Contains("config", output);
    }
}
