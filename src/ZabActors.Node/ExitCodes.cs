namespace ZabActors.Node;

/// <summary>Process exit codes shared by all subcommands.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>An unexpected failure (an unhandled exception).</summary>
    public const int Failure = 1;

    /// <summary>A bad command line or bad input: unknown options, a missing file, an invalid configuration.</summary>
    public const int InvalidInput = 2;
}
