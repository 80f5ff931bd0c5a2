namespace ZabActors.Hocon.Raw;

/// <summary>
/// <c>${path}</c> or <c>${?path}</c>. The path is absolute; for text included at a path the first
/// <see cref="PrefixLength"/> elements are that include point, and a lookup that fails there is retried
/// without them (the specification's relativized includes).
/// </summary>
internal sealed class RawSubstitution : RawNode
{
    public RawSubstitution(string[] path, int prefixLength, bool optional, HoconOrigin origin)
        : base(origin)
    {
        Path = path;
        PrefixLength = prefixLength;
        Optional = optional;
    }

    public string[] Path { get; }

    public int PrefixLength { get; }

    public bool Optional { get; }

    /// <summary>The substitution as it reads in the source, relative to its own file.</summary>
    public string Display => (Optional ? "${?" : "${") + PathText.Render(Path.AsSpan(PrefixLength)) + "}";
}
