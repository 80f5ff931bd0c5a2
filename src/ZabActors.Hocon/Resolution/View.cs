namespace ZabActors.Hocon.Resolution;

/// <summary>
/// What a path holds in one resolution context, resolved only as far as a lookup needed: either a
/// resolved non-object value, or the layers of an object whose fields are resolved on demand. Child
/// views and the fully resolved object are cached here, so each path is resolved once per context.
/// </summary>
internal sealed class View
{
    private View(HoconValue? scalar, List<Layer>? layers, Truncations context, bool wasCut, View? parent, string? key)
    {
        Scalar = scalar;
        Layers = layers;
        Context = context;
        WasCut = wasCut;
        Parent = parent;
        Key = key;
    }

    /// <summary>Nothing is defined at the path.</summary>
    public static View Undefined { get; } = new(null, null, Truncations.Empty, wasCut: false, null, null);

    /// <summary>Nothing is visible at the path because a self-reference cut its definitions away.</summary>
    public static View UndefinedCut { get; } = new(null, null, Truncations.Empty, wasCut: true, null, null);

    /// <summary>Marks a child view being computed, to detect a path that needs its own value.</summary>
    public static View InProgress { get; } = new(null, null, Truncations.Empty, wasCut: false, null, null);

    public HoconValue? Scalar { get; }

    /// <summary>Object layers, newest first.</summary>
    public List<Layer>? Layers { get; }

    public Truncations Context { get; }

    /// <summary>True when some definitions of this path were hidden by a self-reference cut.</summary>
    public bool WasCut { get; }

    public View? Parent { get; }

    public string? Key { get; }

    public bool IsUndefined => Scalar is null && Layers is null;

    public Dictionary<string, View>? Children { get; set; }

    public HoconValue? Resolved { get; set; }

    public bool ResolvingFields { get; set; }

    public static View ForValue(HoconValue value, View parent, string key) => new(value, null, parent.Context, wasCut: false, parent, key);

    public static View ForLayers(List<Layer> layers, Truncations context, bool wasCut, View? parent, string? key) =>
        new(null, layers, context, wasCut, parent, key);

    /// <summary>The path of this view from its root, for messages.</summary>
    public string PathText()
    {
        var elements = new List<string>();
        for (var view = this; view?.Key is not null; view = view.Parent)
            elements.Add(view.Key);
        elements.Reverse();
        return elements.Count == 0 ? "(root)" : Hocon.PathText.Render(elements);
    }
}
