namespace ZabActors.Node;

/// <summary>Where a command writes: standard output for results, standard error for diagnostics.</summary>
public sealed record NodeConsole(TextWriter Out, TextWriter Error);
