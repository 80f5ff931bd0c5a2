namespace ZabActors.FaultCampaign.Checking;

/// <summary>
/// The search of one (sub-)history for a linearization: Wing and Gong's algorithm with Lowe's
/// memoization, as porcupine's <c>checkSingle</c>. Calls and returns sit in one doubly linked list in
/// time order; the search linearizes a call whose model step accepts its output (lifting the call and
/// its return out of the list), and backtracks when it meets a return whose call is not linearized.
/// A set of (linearized operations, model state) pairs already reached prunes repeated work. The set of
/// linearized operations is remembered by a 128-bit Zobrist hash kept up to date on every change, not
/// as a copy of the bitset: a copy per step costs n²/8 bytes over a history of n operations (200 MB at
/// 40000), and a collision, which could only prune a branch (never accept a history wrongly), has a
/// probability near steps² / 2¹²⁹.
/// </summary>
internal sealed class LinearizationSearch<TState, TInput, TOutput>
    where TOutput : class
{
    private readonly ISequentialModel<TState, TInput, TOutput> model;
    private readonly IReadOnlyList<Operation<TInput, TOutput>> operations;
    private readonly SearchBudget budget;
    private readonly Entry head = new(-1, isCall: false);
    private readonly (ulong Low, ulong High)[] zobrist;
    private readonly HashSet<Memo> seen = [];
    private (ulong Low, ulong High) linearizedHash;

    public LinearizationSearch(ISequentialModel<TState, TInput, TOutput> model, IReadOnlyList<Operation<TInput, TOutput>> operations, SearchBudget budget)
    {
        this.model = model;
        this.operations = operations;
        this.budget = budget;
        // A fixed seed keeps a check repeatable.
        var random = new Random(0x5eed);
        zobrist = [.. Enumerable.Range(0, operations.Count).Select(_ => (Word(random), Word(random)))];
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
        if (seen.Add(new Memo(linearizedHash.Low, linearizedHash.High, next)))
        {
            return true;
        }
        Flip(operation);
        return false;
    }

    private void Flip(int operation)
    {
        linearizedHash = (linearizedHash.Low ^ zobrist[operation].Low, linearizedHash.High ^ zobrist[operation].High);
    }

    private static ulong Word(Random random) => ((ulong)random.NextInt64() << 1) ^ (ulong)random.NextInt64();

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

    /// <summary>A memo entry: the hash of the linearized set and the model state reached with it.</summary>
    private readonly record struct Memo(ulong Low, ulong High, TState State);
}
