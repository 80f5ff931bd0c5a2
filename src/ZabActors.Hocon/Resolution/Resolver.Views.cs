using ZabActors.Hocon.Raw;

namespace ZabActors.Hocon.Resolution;

/// <summary>Navigation: the view of one key of an object view, merging the key's definitions across layers.</summary>
internal sealed partial class Resolver
{
    private View Child(View parent, string key)
    {
        if (parent.Layers is null)
            return View.Undefined;
        parent.Children ??= new Dictionary<string, View>(StringComparer.Ordinal);
        if (parent.Children.TryGetValue(key, out var cached))
        {
            if (!ReferenceEquals(cached, View.InProgress))
                return cached;
            // The path is needed while it is being computed: a self-reference if a definition of it is
            // being resolved (CheckTouch throws the signal that makes that definition look back), else a cycle.
            foreach (var layer in parent.Layers)
            {
                if (layer.Raw?.TryGetSlot(key) is { } slot)
                    CheckTouch(slot, parent.Context);
            }
            throw Cycle($"'{ChildPath(parent, key)}' needs its own value");
        }
        parent.Children[key] = View.InProgress;
        View child;
        try
        {
            child = ComputeChild(parent, key);
        }
        catch
        {
            parent.Children.Remove(key);
            throw;
        }
        parent.Children[key] = child;
        return child;
    }

    /// <summary>
    /// Walks the key's definitions newest first across the parent's layers: objects accumulate as layers,
    /// an undefined optional substitution is skipped, and the first non-object value either is the result
    /// (when nothing newer was an object) or hides everything older.
    /// </summary>
    private View ComputeChild(View parent, string key)
    {
        var context = parent.Context;
        List<Layer>? layers = null;
        HoconValue? scalar = null;
        var cut = false;
        var stop = false;
        foreach (var layer in parent.Layers!)
        {
            if (layer.Resolved is { } resolved)
            {
                if (resolved.TryGetValue(key, out var value))
                    stop = Accept(value, ref layers, ref scalar);
                if (stop)
                    break;
                continue;
            }
            var slot = layer.Raw!.TryGetSlot(key);
            if (slot is null)
                continue;
            CheckTouch(slot, context);
            var limit = Math.Min(slot.Count, context.LimitFor(slot));
            if (limit < slot.Count)
            {
                // Looking back: the definition being resolved and everything that overrides it are invisible.
                cut = true;
                layers?.Clear();
            }
            for (var i = limit - 1; i >= 0 && !stop; i--)
            {
                var definition = slot[i];
                if (definition is RawObject raw)
                {
                    (layers ??= []).Add(Layer.Of(raw));
                    continue;
                }
                var value = EvaluateDefinition(definition, slot, i, context);
                if (value is not null)
                    stop = Accept(value, ref layers, ref scalar);
            }
            if (stop)
                break;
        }
        if (scalar is not null)
            return View.ForValue(scalar, parent, key);
        if (layers is { Count: > 0 })
            return View.ForLayers(layers, context, cut, parent, key);
        return cut ? View.UndefinedCut : View.Undefined;
    }

    /// <summary>Takes one resolved definition; returns true when it ends the walk.</summary>
    private static bool Accept(HoconValue value, ref List<Layer>? layers, ref HoconValue? scalar)
    {
        if (value is HoconObject obj)
        {
            (layers ??= []).Add(Layer.Of(obj));
            return false;
        }
        if (layers is null || layers.Count == 0)
            scalar = value;
        return true;
    }

    private View Navigate(string[] path, int start, Truncations context)
    {
        var view = Root(context);
        for (var i = start; i < path.Length; i++)
        {
            view = Child(view, path[i]);
            if (view.IsUndefined)
                return view;
        }
        return view;
    }
}
