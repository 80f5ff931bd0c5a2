using System.Threading;

namespace ZabActors.Hocon.Raw;

/// <summary>
/// Every definition one object gives a key, oldest first: the merge stack the specification describes.
/// Pushing applies the merge rules that need no resolution: a plain value hides everything before it,
/// an object merges into an object just before it, and a run of <c>+=</c> folds into one array. What is
/// left (substitutions, concatenations, objects over them) is merged by the resolver.
/// </summary>
internal sealed class Slot
{
    private static long s_nextId;
    private readonly List<RawNode> _definitions = new(1);

    public Slot()
    {
        Id = Interlocked.Increment(ref s_nextId);
    }

    /// <summary>Identity for ordering and hashing in resolution contexts.</summary>
    public long Id { get; }

    public int Count => _definitions.Count;

    public RawNode this[int index] => _definitions[index];

    public void Push(RawNode node)
    {
        var top = _definitions.Count > 0 ? _definitions[^1] : null;
        switch (node)
        {
            case RawLeaf or RawArray:
                _definitions.Clear();
                _definitions.Add(node);
                return;
            case RawObject obj when top is RawObject topObject:
                topObject.MergeFrom(obj);
                return;
            case RawConcatenation { IsAppend: true } append when top is RawArray array:
                _definitions[^1] = new RawArray([.. array.Elements, .. ((RawArray)append.Parts[1]).Elements], array.Origin);
                return;
            case RawConcatenation { IsAppend: true } append when top is RawConcatenation { IsAppend: true } previous:
                _definitions[^1] = previous.WithAppended((RawArray)append.Parts[1]);
                return;
            default:
                // A substitution or concatenation may resolve to an object that merges with what is below,
                // and an object over a plain value keeps that value as the point where merging stops.
                _definitions.Add(node);
                return;
        }
    }
}
