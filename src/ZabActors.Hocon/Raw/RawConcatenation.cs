namespace ZabActors.Hocon.Raw;

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
