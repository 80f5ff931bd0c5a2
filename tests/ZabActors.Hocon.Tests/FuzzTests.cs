using System.Globalization;
using System.Text;

namespace ZabActors.Hocon.Tests;

/// <summary>
/// Feeds seeded random mutations of the conformance files (and of a few documents using substitutions,
/// appends and includes) to the reader. Every input must either parse or fail with a
/// <see cref="ConfigException"/>; anything else fails the test with the seed and the input, so the case
/// can be replayed. A parsed result must also render and answer getters without other exceptions.
/// </summary>
public sealed class FuzzTests : IDisposable
{
    private const int Seed = 20250101;
    private const int StringIterations = 15000;
    private const int FileIterations = 150;
    private const string SpecialCharacters = "{}[]$\"=:,#\n+?.\\/ ";

    private static readonly string[] ExtraDocuments =
    [
        "a = 1\nb = ${a}\nc = ${?missing} text ${a}\npath = [x]\npath = ${path} [y]\nlist += 1\nlist += 2\n",
        "foo : { a : { c : 1 } }\nfoo : ${foo.a}\nfoo : { a : 2 }\nbar : { x : ${foo.c}, y : \"\"\"tri\"ple\"\"\" }\n",
        "include \"part.conf\"\nnested { include required(file(\"part.conf\")) }\nd = 10s\ns = 64MiB\n",
        "a : { b : ${a} }\nx = ${y}\ny = ${x}\nz = ${?z}foo\n\"q.k\".\"\" = [ { o = 1 } { p = 2 } ]\n",
        "props { include \"settings\" }\nn = 1.5e3\nb = [yes, off]\nt = ${props.a.c} ${n}\n",
        "x = 1\ninclude \"loop.conf\"\n",
    ];

    private readonly TempDirectory _dir = new();

    public FuzzTests()
    {
        _dir.Write("part.conf", "p = 1\nq = ${p}\nlist += 3\n");
        _dir.Write("settings.properties", "a.b=1\na.c=two\n");
        _dir.Write("settings.json", "{ \"j\" : [1, 2.5] }");
        _dir.Write("loop.conf", "include \"loop.conf\"");
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Mutated_documents_parse_or_fail_with_a_config_exception()
    {
        var sources = Sources();
        var random = new Random(Seed);
        for (var iteration = 0; iteration < StringIterations; iteration++)
        {
            var input = Mutate(sources[random.Next(sources.Count)], random);
            var text = Encoding.UTF8.GetString(input);
            Check(iteration, text, () => ConfigurationFactory.ParseString(text, Options()));
        }
    }

    [Fact]
    public void Mutated_files_parse_or_fail_with_a_config_exception()
    {
        var sources = Sources();
        var random = new Random(Seed + 1);
        string[] extensions = [".conf", ".json", ".properties"];
        for (var iteration = 0; iteration < FileIterations; iteration++)
        {
            var input = Mutate(sources[random.Next(sources.Count)], random);
            var path = _dir.WriteBytes($"fuzz{iteration}{extensions[iteration % extensions.Length]}", input);
            Check(iteration, Encoding.UTF8.GetString(input), () => ConfigurationFactory.ParseFile(path, Options()));
        }
    }

    private HoconParseOptions Options() => new() { EnvironmentVariables = _ => null, IncludeDirectory = _dir.Path };

    private static List<byte[]> Sources()
    {
        var sources = ExtraDocuments.Select(Encoding.UTF8.GetBytes).ToList();
        if (ConformanceData.FindRoot() is { } root)
        {
            foreach (var file in Directory.GetFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                sources.Add(File.ReadAllBytes(file));
        }
        return sources;
    }

    private static byte[] Mutate(byte[] source, Random random)
    {
        var data = new List<byte>(source);
        var mutations = random.Next(1, 5);
        for (var m = 0; m < mutations; m++)
        {
            var at = data.Count == 0 ? 0 : random.Next(data.Count);
            switch (random.Next(5))
            {
                case 0 when data.Count > 0:
                    data[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1 when data.Count > 0:
                    data.RemoveRange(at, Math.Min(random.Next(1, 9), data.Count - at));
                    break;
                case 2 when data.Count > 0:
                    var length = Math.Min(random.Next(1, 17), data.Count - at);
                    data.InsertRange(random.Next(data.Count + 1), data.GetRange(at, length));
                    break;
                case 3:
                    data.Insert(at, (byte)SpecialCharacters[random.Next(SpecialCharacters.Length)]);
                    break;
                default:
                    if (data.Count > 0)
                        data[at] = (byte)SpecialCharacters[random.Next(SpecialCharacters.Length)];
                    break;
            }
        }
        return [.. data];
    }

    private static void Check(int iteration, string text, Func<Config> parse)
    {
        try
        {
            var config = parse();
            _ = config.ToJson();
            foreach (var (path, _) in config.Entries())
            {
                try
                {
                    _ = config.GetString(path);
                }
                catch (ConfigException)
                {
                    // Arrays and nulls are not strings; the getter must say so with a ConfigException.
                }
            }
        }
        catch (ConfigException)
        {
            // The expected way for bad input to fail.
        }
        catch (Exception e)
        {
            Assert.Fail($"seed {Seed}, iteration {iteration}: {e.GetType().Name}: {e.Message}\ninput: \"{Escape(text)}\"\n{e.StackTrace}");
        }
    }

    private static string Escape(string text)
    {
        var builder = new StringBuilder();
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '\\' => "\\\\",
                '"' => "\\\"",
                '\n' => "\\n",
                _ when c < ' ' || c > '~' => string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
                _ => c.ToString(),
            });
        }
        return builder.ToString();
    }
}
