namespace ZabActors.FaultCampaign.Checking;

/// <summary>
/// A sequential specification for the linearizability checker, as porcupine's <c>Model</c>: an initial
/// state and a step that says whether an operation with this input may return this output in a state,
/// and the state after it. States are compared with their own equality and hash (value semantics:
/// records), which the checker uses to memoize what it already explored.
/// </summary>
public interface ISequentialModel<TState, TInput, TOutput>
    where TOutput : class
{
    TState Init();

    /// <summary>
    /// Applies <paramref name="input"/> in <paramref name="state"/>. <paramref name="output"/> is null when
    /// the operation's outcome is unknown: the model then accepts any output and applies the effect.
    /// </summary>
    (bool Ok, TState State) Step(TState state, TInput input, TOutput? output);

    /// <summary>
    /// Splits a history into independent sub-histories (P-compositionality: per key for a map); each is
    /// checked from <see cref="Init"/> on its own. A history that cannot be split is one part.
    /// </summary>
    IReadOnlyList<IReadOnlyList<Operation<TInput, TOutput>>> Partition(IReadOnlyList<Operation<TInput, TOutput>> history) => [history];

    /// <summary>One line for reports: the operation and its output.</summary>
    string Describe(TInput input, TOutput? output) => $"{input} -> {(output is null ? "?" : output.ToString())}";
}
