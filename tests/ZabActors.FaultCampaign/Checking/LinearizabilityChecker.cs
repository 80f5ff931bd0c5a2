namespace ZabActors.FaultCampaign.Checking;

/// <summary>
/// Checks a recorded history against a sequential model (porcupine's <c>CheckOperations</c>): drops
/// failed operations, splits the rest with the model's partition, searches each part for a
/// linearization within one shared budget. On a violation it looks for the smallest failing prefix of
/// the failing part (linearizability is prefix-closed, so a binary search over return events finds it)
/// and explains that prefix.
/// </summary>
public static class LinearizabilityChecker
{
    private const int MaxExplainedOperations = 24;

    /// <summary>The search spent on explaining a violation (finding its smallest failing prefix), past the check itself.</summary>
    public static readonly CheckBudget ExplainBudget = new(20_000_000, TimeSpan.FromSeconds(30));

    /// <summary>
    /// Checks <paramref name="history"/>. With <paramref name="explain"/> a violation is explained, which
    /// costs up to <see cref="ExplainBudget"/> more search: each prefix turns the operations still running
    /// into pending ones with unknown outputs, which the search must place anywhere after their calls.
    /// </summary>
    public static CheckResult Check<TState, TInput, TOutput>(
        ISequentialModel<TState, TInput, TOutput> model, IReadOnlyList<Operation<TInput, TOutput>> history, CheckBudget? budget = null, bool explain = true)
        where TOutput : class
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(history);
        var limits = budget ?? CheckBudget.Default;
        var meter = new SearchBudget(limits);
        var kept = history.Where(op => op.Status != OperationStatus.Fail).ToList();
        var parts = model.Partition(kept);
        var undecided = 0;
        foreach (var part in parts)
        {
            var verdict = new LinearizationSearch<TState, TInput, TOutput>(model, part, meter).Run();
            if (verdict == Verdict.NotLinearizable)
            {
                var explanation = explain ? Explain(model, part, new SearchBudget(ExplainBudget)) : [$"not linearizable: a part of {part.Count} operations"];
                return new CheckResult(Verdict.NotLinearizable, meter.Steps, parts.Count, kept.Count, explanation);
            }
            undecided += verdict == Verdict.Unknown ? 1 : 0;
        }
        return undecided == 0
            ? new CheckResult(Verdict.Linearizable, meter.Steps, parts.Count, kept.Count, [])
            : new CheckResult(Verdict.Unknown, meter.Steps, parts.Count, kept.Count,
                [$"the search budget ran out after {meter.Steps} steps with {undecided} part(s) undecided"]);
    }

    /// <summary>
    /// The history as it stood at <paramref name="time"/>: operations called by then, those that had not
    /// returned yet turned into pending ones (output unknown, return at infinity).
    /// </summary>
    public static IReadOnlyList<Operation<TInput, TOutput>> PrefixAt<TInput, TOutput>(IReadOnlyList<Operation<TInput, TOutput>> history, long time)
        where TOutput : class
    {
        ArgumentNullException.ThrowIfNull(history);
        return [.. history.Where(op => op.Call <= time).Select(op => op.Return <= time ? op
            : op with { Output = null, Return = Operation<TInput, TOutput>.Infinity, Status = OperationStatus.Unknown })];
    }

    private static List<string> Explain<TState, TInput, TOutput>(
        ISequentialModel<TState, TInput, TOutput> model, IReadOnlyList<Operation<TInput, TOutput>> part, SearchBudget meter)
        where TOutput : class
    {
        var (prefix, end) = SmallestFailingPrefix(model, part, meter);
        var search = new LinearizationSearch<TState, TInput, TOutput>(model, prefix, meter);
        search.Run();
        var lines = new List<string>
        {
            end is null
                ? $"not linearizable: the part of {part.Count} operations (no smaller failing prefix found within the budget)"
                : $"not linearizable: the smallest failing prefix ends when operation #{end.Id} returns; it holds {prefix.Count} of the part's {part.Count} operations",
            $"longest linearizable order within it: {search.Deepest.Count} operations, model state then {search.Deepest.State}",
        };
        lines.AddRange(search.Deepest.LastOperations.Select(i => "  linearized last: " + Line(model, prefix[i])));
        var involved = end is null ? prefix : [.. prefix.Where(op => op.Id == end.Id || op.Return > end.Call)];
        lines.AddRange(involved.OrderBy(op => op.Call).Take(MaxExplainedOperations).Select(op => "  involved: " + Line(model, op)));
        if (involved.Count > MaxExplainedOperations)
        {
            lines.Add($"  ... and {involved.Count - MaxExplainedOperations} more");
        }
        return lines;
    }

    /// <summary>Binary search over the part's return times for the earliest prefix that is not linearizable.</summary>
    private static (IReadOnlyList<Operation<TInput, TOutput>> Prefix, Operation<TInput, TOutput>? End) SmallestFailingPrefix<TState, TInput, TOutput>(
        ISequentialModel<TState, TInput, TOutput> model, IReadOnlyList<Operation<TInput, TOutput>> part, SearchBudget meter)
        where TOutput : class
    {
        var ends = part.Where(op => !op.ReturnsAtInfinity).OrderBy(op => op.Return).ToList();
        var (low, high) = (0, ends.Count - 1);
        Operation<TInput, TOutput>? found = null;
        while (low <= high)
        {
            var middle = (low + high) / 2;
            var verdict = new LinearizationSearch<TState, TInput, TOutput>(model, PrefixAt(part, ends[middle].Return), meter).Run();
            if (verdict == Verdict.Unknown)
            {
                break;
            }
            if (verdict == Verdict.NotLinearizable)
            {
                found = ends[middle];
                high = middle - 1;
            }
            else
            {
                low = middle + 1;
            }
        }
        return found is null ? (part, null) : (PrefixAt(part, found.Return), found);
    }

    private static string Line<TState, TInput, TOutput>(ISequentialModel<TState, TInput, TOutput> model, Operation<TInput, TOutput> op)
        where TOutput : class
    {
        var end = op.ReturnsAtInfinity ? "inf" : op.Return.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return $"#{op.Id} client {op.Client} [{op.Call}, {end}] {op.Status.ToString().ToLowerInvariant()}: {model.Describe(op.Input, op.Output)}";
    }
}
