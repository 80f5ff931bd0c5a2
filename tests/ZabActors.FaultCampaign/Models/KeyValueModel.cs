using ZabActors.FaultCampaign.Checking;

namespace ZabActors.FaultCampaign.Models;

/// <summary>The operations of <see cref="KeyValueModel"/>.</summary>
public enum KvKind
{
    Put,
    Get,
    Cas,
}

/// <summary>An operation on one key of a map: put a value, get it, or compare-and-set it from <see cref="Expected"/> (null: absent).</summary>
public sealed record KvInput(KvKind Kind, string Key, string? Value = null, string? Expected = null)
{
    public static KvInput Put(string key, string value) => new(KvKind.Put, key, value);

    public static KvInput Get(string key) => new(KvKind.Get, key);

    public static KvInput Cas(string key, string? expected, string value) => new(KvKind.Cas, key, value, expected);

    public override string ToString() => Kind switch
    {
        KvKind.Put => $"put({Key}, {Value})",
        KvKind.Get => $"get({Key})",
        _ => $"cas({Key}, {Expected ?? "absent"} -> {Value})",
    };
}

/// <summary>A get's value (null: absent), or whether a compare-and-set applied; a put returns <see cref="Done"/>.</summary>
public sealed record KvOutput(string? Value, bool Ok = true)
{
    public static readonly KvOutput Done = new(Value: null);

    public override string ToString() => Ok ? Value ?? "absent/done" : "refused";
}

/// <summary>One register's value (null: absent).</summary>
public readonly record struct RegisterState(string? Value);

/// <summary>
/// A map of registers, for the coming data tree: keys are independent, so the history is checked per
/// key (P-compositionality), each key a single register starting absent.
/// </summary>
public sealed class KeyValueModel : ISequentialModel<RegisterState, KvInput, KvOutput>
{
    public RegisterState Init() => new(null);

    public (bool Ok, RegisterState State) Step(RegisterState state, KvInput input, KvOutput? output)
    {
        ArgumentNullException.ThrowIfNull(input);
        switch (input.Kind)
        {
            case KvKind.Put:
                return (true, new RegisterState(input.Value));
            case KvKind.Get:
                return (output is null || output.Value == state.Value, state);
            default:
                var applies = state.Value == input.Expected;
                var next = applies ? new RegisterState(input.Value) : state;
                return (output is null || output.Ok == applies, next);
        }
    }

    public IReadOnlyList<IReadOnlyList<Operation<KvInput, KvOutput>>> Partition(IReadOnlyList<Operation<KvInput, KvOutput>> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        return [.. history.GroupBy(op => op.Input.Key, StringComparer.Ordinal).Select(g => (IReadOnlyList<Operation<KvInput, KvOutput>>)[.. g])];
    }

    public string Describe(KvInput input, KvOutput? output) => $"{input} -> {(output is null ? "?" : output.ToString())}";
}
