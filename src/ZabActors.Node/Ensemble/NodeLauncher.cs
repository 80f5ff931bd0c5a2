using System.Reflection;

namespace ZabActors.Node.Ensemble;

/// <summary>
/// How to start a <c>zabactors</c> process: the program to run and the arguments that come before the
/// subcommand (<c>dotnet path/zabactors.dll</c>, or the apphost on its own).
/// </summary>
public sealed record NodeLauncher(string FileName, IReadOnlyList<string> PrefixArguments)
{
    /// <summary>Runs a built <c>zabactors.dll</c> with the <c>dotnet</c> host.</summary>
    public static NodeLauncher ForDll(string dllPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(dllPath);
        if (!File.Exists(dllPath))
            throw new FileNotFoundException($"{dllPath} does not exist; build src/ZabActors.Node first", dllPath);
        return new NodeLauncher("dotnet", [Path.GetFullPath(dllPath)]);
    }

    /// <summary>Starts the same program this process runs (the apphost, or <c>dotnet zabactors.dll</c>).</summary>
    public static NodeLauncher ForThisProcess()
    {
        var processPath = Environment.ProcessPath ?? "dotnet";
        var isDotnetHost = Path.GetFileNameWithoutExtension(processPath).Equals("dotnet", StringComparison.OrdinalIgnoreCase);
        return isDotnetHost ? ForDll(Assembly.GetExecutingAssembly().Location) : new NodeLauncher(processPath, []);
    }

    /// <summary>
    /// The <c>zabactors.dll</c> built for <paramref name="configuration"/> in the repository that contains
    /// <paramref name="startDirectory"/> (found by walking up to <c>ZabActors.sln</c>); <c>ZAB_NODE_DLL</c> overrides it.
    /// </summary>
    public static NodeLauncher ForRepositoryBuild(string startDirectory, string configuration)
    {
        if (Environment.GetEnvironmentVariable("ZAB_NODE_DLL") is { Length: > 0 } overridden)
            return ForDll(overridden);
        for (var dir = new DirectoryInfo(startDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ZabActors.sln")))
                return ForDll(Path.Combine(dir.FullName, "src", "ZabActors.Node", "bin", configuration, "net10.0", "zabactors.dll"));
        }
        throw new DirectoryNotFoundException($"no ZabActors.sln above {startDirectory}");
    }
}
