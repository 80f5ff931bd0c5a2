namespace ZabActors.FaultCampaign.Checking;

/// <summary>
/// The search of one (sub-)history for a linearization: Wing and Gong's algorithm with Lowe's
/// memoization, as porcupine's <c>checkSingle</c>. Calls and returns sit in one doubly linked list in
/// time order; the search linearizes a call whose model step accepts its output (lifting the call and
/// its return out of the list), and backtracks when it meets a return whose call is not linearized.
/// A set of (linearized operations, model state) pairs already reached prunes repeated work; the set
/// of linearized operations is a bitset with a Zobrist hash kept up to date on every change.
/// </summary>
internal sealed class LinearizationSearch<TState, TInput, TOutput>
    where TOutput : class
{
    private readonly ISequentialModel<TState, TInput, TOutput> model;
    private readonly IReadOnlyList<Operation<TInput, TOutput>> operations;
    private readonly SearchBudget budget;
    private readonly Entry head = new(-1, isCall: false);
    private readonly ulong[] zobrist;
    private readonly ulong[] linearized;
    private readonly HashSet<Memo> seen = new(new MemoComparer());
    private ulong linearizedHash;

    public LinearizationSearch(ISequentialModel<TState, TInput, TOutput> model, IReadOnlyList<Operation<TInput, TOutput>> operations, SearchBudget budget)
    {
        this.model = model;
        this.operations = operations;
        this.budget = budget;
        linearized = new ulong[(operations.Count + 63) / 64];
        // Fixed seed: the hash only spreads memo entries; the verdict does not depend on it.
        var random = new Random(0x5eed);
        zobrist = [.. Enumerable.Range(0, operations.Count).Select(_ => (ulong)random.NextInt64() ^ ((ulong)random.NextInt64() << 32))];
        BuildList();
    }

    /// <summary>The most operations linearized at once, and the model state and last operations (newest first) at that point.</summary>
    public (int Count, TState? State, IReadOnlyList<int> LastOperations) Deepest { get; private set; } = (0, default, []);

    public Verdict Run()
    {
        var calls = new Stack<(Entry Call, TState Before)>();
        var state = model.Init();
        var entry = head.Next;
        while (head.Next is not null)
        {
            if (!budget.Step())
            {
                return Verdict.Unknown;
            }
            if (entry!.IsCall)
            {
                var operation = operations[entry.Operation];
                var (ok, next) = model.Step(state, operation.Input, operation.Output);
                if (ok && Remember(entry.Operation, next))
                {
                    calls.Push((entry, state));
                    state = next;
                    Lift(entry);
                    NoteDepth(calls, state);
                    entry = head.Next;
                }
                else
                {
                    entry = entry.Next;
                }
            }
            else
            {
                if (calls.Count == 0)
                {
                    return Verdict.NotLinearizable;
                }
                var (call, before) = calls.Pop();
                state = before;
                Flip(call.Operation);
                Unlift(call);
                entry = call.Next;
            }
        }
        return Verdict.Linearizable;
    }

    /// <summary>Marks the operation linearized; false (and unmarked again) when this set and state were reached before.</summary>
    private bool Remember(int operation, TState next)
    {
        Flip(operation);
        if (seen.Add(new Memo((ulong[])linearized.Clone(), linearizedHash, next)))
        {
            return true;
        }
        Flip(operation);
        return false;
    }

    private void Flip(int operation)
    {
        linearized[operation / 64] ^= 1UL << (operation % 64);
        linearizedHash ^= zobrist[operation];
    }

    private void NoteDepth(Stack<(Entry Call, TState Before)> calls, TState state)
    {
        if (calls.Count > Deepest.Count)
        {
            Deepest = (calls.Count, state, [.. calls.Take(5).Select(c => c.Call.Operation)]);
        }
    }

    private void BuildList()
    {
        var entries = new List<(long Time, int Order, Entry Entry)>(operations.Count * 2);
        for (var i = 0; i < operations.Count; i++)
        {
            var call = new Entry(i, isCall: true);
            var ret = new Entry(i, isCall: false);
            call.Match = ret;
            // At equal times a call sorts before a return: the two overlap, the weaker claim.
            entries.Add((operations[i].Call, 0, call));
            entries.Add((operations[i].Return, 1, ret));
        }
        entries.Sort((a, b) => a.Time != b.Time ? a.Time.CompareTo(b.Time)
            : a.Order != b.Order ? a.Order.CompareTo(b.Order)
            : a.Entry.Operation.CompareTo(b.Entry.Operation));
        var last = head;
        foreach (var (_, _, entry) in entries)
        {
            last.Next = entry;
            entry.Prev = last;
            last = entry;
        }
    }

    private static void Lift(Entry call)
    {
        call.Prev!.Next = call.Next;
        call.Next!.Prev = call.Prev;
        var ret = call.Match!;
        ret.Prev!.Next = ret.Next;
        if (ret.Next is not null)
        {
            ret.Next.Prev = ret.Prev;
        }
    }

    private static void Unlift(Entry call)
    {
        var ret = call.Match!;
        ret.Prev!.Next = ret;
        if (ret.Next is not null)
        {
            ret.Next.Prev = ret;
        }
        call.Prev!.Next = call;
        call.Next!.Prev = call;
    }

    /// <summary>A call or a return in the time-ordered list; a call's <see cref="Match"/> is its return.</summary>
    private sealed class Entry(int operation, bool isCall)
    {
        public int Operation { get; } = operation;

        public bool IsCall { get; } = isCall;

        public Entry? Match { get; set; }

        public Entry? Prev { get; set; }

        public Entry? Next { get; set; }
    }

    private sealed record Memo(ulong[] Linearized, ulong Hash, TState State);

    private sealed class MemoComparer : IEqualityComparer<Memo>
    {
        public bool Equals(Memo? x, Memo? y) =>
            x!.Hash == y!.Hash && x.Linearized.AsSpan().SequenceEqual(y.Linearized) && EqualityComparer<TState>.Default.Equals(x.State, y.State);

        public int GetHashCode(Memo memo) => HashCode.Combine(memo.Hash, EqualityComparer<TState>.Default.GetHashCode(memo.State!));
    }
}
