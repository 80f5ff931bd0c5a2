namespace ZabActors.Node;

/// <summary>Process exit codes shared by all subcommands.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>An unexpected failure (an unhandled exception), or a node whose peer stopped on its own.</summary>
    public const int Failure = 1;

    /// <summary>A bad command line or bad input: unknown options, a missing file, an invalid configuration.</summary>
    public const int InvalidInput = 2;

    /// <summary>The ensemble did not do what was asked: no server answered, or a write was not committed.</summary>
    public const int Unavailable = 3;
}
