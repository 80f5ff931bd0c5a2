namespace ZabActors.FaultCampaign.Checking;

/// <summary>
/// Records a concurrent client history: each operation's invoke and its ok, fail or unknown end, with
/// times from one logical clock that every client shares (incremented under a lock, so the order of
/// the times is the real order of the events). Operations still open when the history is read are
/// unknown: they may take effect later.
/// </summary>
public sealed class HistoryRecorder<TInput, TOutput>
    where TOutput : class
{
    private readonly object gate = new();
    private readonly List<Operation<TInput, TOutput>> operations = [];
    private readonly HashSet<int> ended = [];
    private long clock;

    /// <summary>How many operations were invoked.</summary>
    public int Count
    {
        get
        {
            lock (gate)
            {
                return operations.Count;
            }
        }
    }

    /// <summary>Records the call of an operation by <paramref name="client"/>; returns its id for the matching end.</summary>
    public int Invoke(int client, TInput input)
    {
        lock (gate)
        {
            var id = operations.Count;
            operations.Add(new Operation<TInput, TOutput>(id, client, input, null, ++clock, Operation<TInput, TOutput>.Infinity, OperationStatus.Unknown));
            return id;
        }
    }

    public void Ok(int id, TOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        End(id, output, OperationStatus.Ok);
    }

    public void Fail(int id) => End(id, null, OperationStatus.Fail);

    /// <summary>The client gave up waiting; <paramref name="partialOutput"/> is whatever it did learn (usually nothing).</summary>
    public void Unknown(int id, TOutput? partialOutput = null) => End(id, partialOutput, OperationStatus.Unknown);

    /// <summary>Every operation so far, in call order.</summary>
    public IReadOnlyList<Operation<TInput, TOutput>> Operations()
    {
        lock (gate)
        {
            return [.. operations];
        }
    }

    private void End(int id, TOutput? output, OperationStatus status)
    {
        lock (gate)
        {
            var open = operations[id];
            if (!ended.Add(id))
            {
                throw new InvalidOperationException($"operation {id} already ended");
            }
            var returned = status == OperationStatus.Unknown ? Operation<TInput, TOutput>.Infinity : ++clock;
            operations[id] = open with { Output = output, Return = returned, Status = status };
        }
    }
}
