namespace ZabActors.Hocon.Raw;

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
