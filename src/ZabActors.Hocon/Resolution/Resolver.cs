using System.Runtime.CompilerServices;
using ZabActors.Hocon.Raw;

namespace ZabActors.Hocon.Resolution;

/// <summary>
/// Resolves the substitutions of a layered raw tree into a resolved object, lazily: a substitution
/// resolves only the fields along its path, so an object may refer to its own fields. It owns the
/// specification's self-reference rule: while a substitution or concatenation that defines a field is
/// being resolved, any lookup that reaches that field sees only the definitions before it (the
/// evaluation is retried with the field's slot cut, see <see cref="Truncations"/>). A cycle that no
/// looking back can break, such as <c>a : { b : ${a} }</c>, is an error.
/// </summary>
internal sealed partial class Resolver
{
    private const int MaxDepth = 512;

    private readonly IReadOnlyList<Layer> _rootLayers;
    private readonly Func<string, string?> _environment;
    private readonly Dictionary<Truncations, View> _roots = [];
    private readonly Dictionary<(RawObject, Truncations), View> _anonymous = [];
    private readonly List<RawSubstitution> _lookups = [];
    private int _depth;

    private Resolver(IReadOnlyList<Layer> rootLayers, Func<string, string?> environment)
    {
        _rootLayers = rootLayers;
        _environment = environment;
    }

    /// <summary>Resolves the layers (newest first) into one object; every failure is a <see cref="ConfigException"/>.</summary>
    public static HoconObject Resolve(IReadOnlyList<Layer> rootLayers, Func<string, string?> environment)
    {
        if (rootLayers.Count == 1 && rootLayers[0].Resolved is { } alreadyResolved)
            return alreadyResolved;
        var resolver = new Resolver(rootLayers, environment);
        try
        {
            return (HoconObject)resolver.Resolve(resolver.Root(Truncations.Empty));
        }
        catch (SelfReferenceSignal)
        {
            // Signals are always caught by the frame they name, which is on the stack below the thrower.
            throw new ConfigException("Substitution resolution failed: a self-reference escaped its definition.");
        }
    }

    private View Root(Truncations context)
    {
        if (!_roots.TryGetValue(context, out var root))
        {
            root = View.ForLayers([.. _rootLayers], context, wasCut: false, null, null);
            _roots.Add(context, root);
        }
        return root;
    }

    /// <summary>A view of an object that has no path: an array element or part of a concatenation.</summary>
    private View Anonymous(RawObject obj, Truncations context)
    {
        if (!_anonymous.TryGetValue((obj, context), out var view))
        {
            view = View.ForLayers([Layer.Of(obj)], context, wasCut: false, null, null);
            _anonymous.Add((obj, context), view);
        }
        return view;
    }

    private void Enter()
    {
        if (++_depth > MaxDepth || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            _depth--;
            throw new ConfigException($"{LookupPosition()}substitutions and objects are nested more than {MaxDepth} levels deep{LookupChain()}");
        }
    }

    private void Leave() => _depth--;

    /// <summary>The fully resolved value of a view.</summary>
    private HoconValue Resolve(View view)
    {
        if (view.Scalar is not null)
            return view.Scalar;
        if (view.Resolved is not null)
            return view.Resolved;
        if (view.Layers is [{ Resolved: { } single }])
            return view.Resolved = single;
        if (view.ResolvingFields)
            throw Cycle($"'{view.PathText()}' needs its own value");
        Enter();
        view.ResolvingFields = true;
        try
        {
            var fields = new OrderedDictionary<string, HoconValue>(StringComparer.Ordinal);
            foreach (var key in KeysOf(view.Layers!))
            {
                var child = Child(view, key);
                if (child.WasCut)
                    throw Cycle($"'{ChildPath(view, key)}' is needed while its own definition is being resolved");
                if (!child.IsUndefined)
                    fields[key] = Resolve(child);
            }
            var origin = view.Layers!.Count > 0 ? view.Layers[0].Raw?.Origin ?? view.Layers[0].Resolved?.Origin : null;
            return view.Resolved = HoconObject.Own(fields, origin);
        }
        finally
        {
            view.ResolvingFields = false;
            Leave();
        }
    }

    /// <summary>Keys in the order they were first defined: the oldest layer's keys first.</summary>
    private static IEnumerable<string> KeysOf(List<Layer> layers)
    {
        if (layers.Count == 1)
            return layers[0].Keys;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var keys = new List<string>();
        for (var i = layers.Count - 1; i >= 0; i--)
        {
            foreach (var key in layers[i].Keys)
            {
                if (seen.Add(key))
                    keys.Add(key);
            }
        }
        return keys;
    }

    private static string ChildPath(View parent, string key) =>
        parent.Key is null ? PathText.Render([key]) : parent.PathText() + "." + PathText.Render([key]);
}
