namespace ZabActors.Hocon.Raw;

/// <summary>
/// A value as parsed, before substitutions are resolved. Raw trees are built once by the parser and never
/// change afterwards, so any number of resolutions may read them at the same time.
/// </summary>
internal abstract class RawNode
{
    protected RawNode(HoconOrigin origin)
    {
        Origin = origin;
    }

    public HoconOrigin Origin { get; }
}

/// <summary>A value that needs no resolution: a string, number, boolean or null (or a resolved array).</summary>
internal sealed class RawLeaf : RawNode
{
    public RawLeaf(HoconValue value, HoconOrigin origin)
        : base(origin)
    {
        if (value is HoconObject)
            throw new ArgumentException("Objects are represented by RawObject.", nameof(value));
        Value = value;
    }

    public HoconValue Value { get; }
}

/// <summary>Unquoted whitespace between two parts of a value concatenation; kept between strings, dropped between arrays or objects.</summary>
internal sealed class RawWhitespace : RawNode
{
    public RawWhitespace(string text, HoconOrigin origin)
        : base(origin)
    {
        Text = text;
    }

    public string Text { get; }
}

/// <summary>An array whose elements may still hold substitutions.</summary>
internal sealed class RawArray : RawNode
{
    public RawArray(IReadOnlyList<RawNode> elements, HoconOrigin origin)
        : base(origin)
    {
        Elements = elements;
    }

    public IReadOnlyList<RawNode> Elements { get; }
}

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

/// <summary>
/// Several values written next to each other: joined into a string, concatenated into an array or merged
/// into an object once every part is resolved. <c>a += x</c> parses into the append form
/// <c>${?a} [x]</c>, marked by <see cref="IsAppend"/> so that a run of appends folds into one array.
/// </summary>
internal sealed class RawConcatenation : RawNode
{
    public RawConcatenation(IReadOnlyList<RawNode> parts, bool isAppend, HoconOrigin origin)
        : base(origin)
    {
        Parts = parts;
        IsAppend = isAppend;
    }

    public IReadOnlyList<RawNode> Parts { get; }

    public bool IsAppend { get; }

    public static RawConcatenation Append(RawSubstitution self, RawNode element, HoconOrigin origin) =>
        new([self, new RawArray([element], element.Origin)], isAppend: true, origin);

    /// <summary>For an append: the same self-reference with more elements appended.</summary>
    public RawConcatenation WithAppended(RawArray more)
    {
        var array = (RawArray)Parts[1];
        return new RawConcatenation([Parts[0], new RawArray([.. array.Elements, .. more.Elements], array.Origin)], isAppend: true, Origin);
    }
}
