using System.Security;
using ZabActors.Hocon.Raw;

namespace ZabActors.Hocon.Resolution;

/// <summary>Definitions and substitutions: evaluation, the self-reference retry, memoization and error messages.</summary>
internal sealed partial class Resolver
{
    private readonly Dictionary<(RawNode, Truncations), HoconValue?> _definitions = [];
    private readonly HashSet<(RawNode, Truncations)> _evaluating = [];
    private readonly Dictionary<Slot, List<DefinitionFrame>> _frames = [];

    /// <summary>Resolves one definition of a slot; null means an undefined optional substitution.</summary>
    private HoconValue? EvaluateDefinition(RawNode definition, Slot slot, int index, Truncations context)
    {
        if (definition is RawLeaf leaf)
            return leaf.Value;
        var key = (definition, context);
        if (_definitions.TryGetValue(key, out var known))
            return known;
        if (!_evaluating.Add(key))
            throw Cycle("a definition needs its own value");
        Enter();
        try
        {
            var value = definition is RawSubstitution or RawConcatenation
                ? EvaluateSelfReferential(definition, slot, index, context)
                : Evaluate(definition, context);
            _definitions[key] = value;
            return value;
        }
        finally
        {
            _evaluating.Remove(key);
            Leave();
        }
    }

    /// <summary>
    /// A substitution or concatenation looks forward first; if it reaches its own slot it is
    /// self-referential and resolves again with its slot cut below it.
    /// </summary>
    private HoconValue? EvaluateSelfReferential(RawNode definition, Slot slot, int index, Truncations context)
    {
        var frame = new DefinitionFrame(slot, index);
        if (!_frames.TryGetValue(slot, out var frames))
            _frames.Add(slot, frames = []);
        frames.Add(frame);
        try
        {
            try
            {
                return Evaluate(definition, context);
            }
            catch (SelfReferenceSignal signal) when (ReferenceEquals(signal.Frame, frame))
            {
                return Evaluate(definition, context.With(slot, index));
            }
        }
        finally
        {
            frames.RemoveAt(frames.Count - 1);
            if (frames.Count == 0)
                _frames.Remove(slot);
        }
    }

    /// <summary>Throws the signal of the innermost definition of this slot that the context does not already hide.</summary>
    private void CheckTouch(Slot slot, Truncations context)
    {
        if (_frames.Count == 0 || !_frames.TryGetValue(slot, out var frames))
            return;
        var limit = context.LimitFor(slot);
        for (var i = frames.Count - 1; i >= 0; i--)
        {
            if (frames[i].Index < limit)
                throw new SelfReferenceSignal(frames[i]);
        }
    }

    private HoconValue? Evaluate(RawNode node, Truncations context) => node switch
    {
        RawLeaf leaf => leaf.Value,
        RawWhitespace whitespace => new HoconString(whitespace.Text, whitespace.Origin),
        RawSubstitution substitution => Lookup(substitution, context),
        RawConcatenation concatenation => Concatenate(concatenation, context),
        RawArray array => EvaluateArray(array, context),
        RawObject obj => Resolve(Anonymous(obj, context)),
        _ => throw new InvalidOperationException($"Unknown raw node {node.GetType().Name}."),
    };

    private HoconArray EvaluateArray(RawArray array, Truncations context)
    {
        var items = new List<HoconValue>(array.Elements.Count);
        foreach (var element in array.Elements)
        {
            // An undefined optional substitution adds no element.
            if (Evaluate(element, context) is { } value)
                items.Add(value);
        }
        return HoconArray.Own([.. items], array.Origin);
    }

    /// <summary>
    /// Looks a substitution up: at its path (relative to the include point for included text), then at
    /// the path from the root, then in the environment; null when an optional substitution is undefined.
    /// </summary>
    private HoconValue? Lookup(RawSubstitution substitution, Truncations context)
    {
        Enter();
        _lookups.Add(substitution);
        try
        {
            var view = Navigate(substitution.Path, 0, context);
            var cut = view.WasCut;
            if (view.IsUndefined && substitution.PrefixLength > 0)
            {
                view = Navigate(substitution.Path, substitution.PrefixLength, context);
                cut |= view.WasCut;
            }
            if (!view.IsUndefined)
                return Resolve(view);
            var name = string.Join('.', substitution.Path[substitution.PrefixLength..]);
            if (ReadEnvironment(name) is { } text)
                return new HoconString(text, new HoconOrigin($"environment variable {name}", 0, 0));
            if (substitution.Optional)
                return null;
            throw Unresolved(substitution, name, cut);
        }
        finally
        {
            _lookups.RemoveAt(_lookups.Count - 1);
            Leave();
        }
    }

    private string? ReadEnvironment(string name)
    {
        try
        {
            return _environment(name);
        }
        catch (SecurityException)
        {
            return null;
        }
    }

    private ConfigException Unresolved(RawSubstitution substitution, string name, bool cut)
    {
        var path = Hocon.PathText.Render(substitution.Path.AsSpan(substitution.PrefixLength));
        var reason = cut
            ? $"'{path}' refers back to the field being defined, which has no earlier value"
            : $"there is no setting at '{path}' and no environment variable '{name}'";
        return new ConfigException($"{substitution.Origin}: could not resolve substitution {substitution.Display}: {reason}{LookupChain()} (write ${{?{path}}} if it may be absent)");
    }

    private ConfigException Cycle(string what) =>
        new($"{LookupPosition()}cycle in substitutions: {what}{LookupChain()}");

    private string LookupPosition() => _lookups.Count > 0 ? $"{_lookups[^1].Origin}: " : "";

    private string LookupChain()
    {
        if (_lookups.Count < 2)
            return "";
        const int shown = 8;
        var chain = _lookups.Skip(Math.Max(0, _lookups.Count - shown)).Select(s => $"{s.Display} at {s.Origin}");
        return $" (via {string.Join(" -> ", chain)})";
    }
}
