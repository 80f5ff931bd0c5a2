namespace ZabActors.Hocon;

/// <summary>Options for <see cref="ConfigurationFactory"/>; every property is optional.</summary>
public sealed record HoconParseOptions
{
    public static HoconParseOptions Default { get; } = new();

    /// <summary>Name of parsed text in messages and origins; <c>&lt;string&gt;</c> by default. Files are named by their path.</summary>
    public string? SourceName { get; init; }

    /// <summary>Directory that relative includes in parsed text resolve against (the current directory by default). Files use their own directory.</summary>
    public string? IncludeDirectory { get; init; }

    /// <summary>The syntax of the input; text defaults to HOCON, files to the syntax their extension names.</summary>
    public HoconSyntax? Syntax { get; init; }

    /// <summary>
    /// A configuration layered under the parsed one before substitutions are resolved, so the parsed text
    /// may refer to its settings (the usual use: a module's reference configuration).
    /// </summary>
    public Config? Fallback { get; init; }

    /// <summary>
    /// Looks up environment variables for substitutions the configuration does not define; the process
    /// environment by default. Return null for "not set"; use <c>_ =&gt; null</c> to disable the fallback.
    /// </summary>
    public Func<string, string?>? EnvironmentVariables { get; init; }
}
