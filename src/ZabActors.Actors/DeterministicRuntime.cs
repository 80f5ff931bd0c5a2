namespace ZabActors.Actors;

/// <summary>
/// A single-threaded, caller-driven executor with a virtual clock, for running whole ensembles of
/// actor systems as a seeded simulation with no real threads or clocks. Every dispatcher of a system
/// created with <see cref="ActorSystemSetup.Deterministic"/> hands its mailboxes here; each
/// <see cref="RunOne"/> either fires the earliest due timer or lets one ready mailbox (picked with
/// the seeded generator) process one message. Same seed and same inputs give the same interleaving.
/// Actors running here must not await real I/O or real timers: a continuation arriving from another
/// thread would make the run irreproducible.
/// </summary>
public sealed class DeterministicRuntime
{
    /// <summary>Virtual time zero, fixed so that logs and timestamps replay identically.</summary>
    public static readonly DateTimeOffset DefaultStartTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly object _lock = new();
    private readonly List<IRunnable> _ready = new();
    private readonly SimulationRandom _picker;
    private bool _running;

    public DeterministicRuntime(ulong seed, DateTimeOffset? startTime = null)
    {
        Seed = seed;
        _picker = new SimulationRandom(seed);
        Random = _picker.Fork();
        Scheduler = new VirtualScheduler(this, startTime ?? DefaultStartTime);
    }

    public ulong Seed { get; }

    /// <summary>A generator for the simulation's own choices, independent of the mailbox picker.</summary>
    public SimulationRandom Random { get; }

    public VirtualScheduler Scheduler { get; }

    public DateTimeOffset Now => Scheduler.Now;

    public TimeSpan Elapsed => Scheduler.Elapsed;

    /// <summary>Steps run so far (timers fired plus mailbox turns).</summary>
    public long Steps { get; private set; }

    /// <summary>A run that takes more steps than this without becoming idle is reported as a livelock.</summary>
    public long MaxStepsPerRun { get; set; } = 10_000_000;

    public int ReadyCount
    {
        get
        {
            lock (_lock) return _ready.Count;
        }
    }

    /// <summary>True when nothing can run without advancing time.</summary>
    public bool IsIdle => ReadyCount == 0 && !(Scheduler.NextDue <= Elapsed);

    /// <summary>Queues an action to run as one step, in seeded order with the mailboxes.</summary>
    public void Post(Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        Enqueue(new ActionRunnable(action));
    }

    /// <summary>Runs one step; false when there was nothing to run at the current virtual time.</summary>
    public bool RunOne()
    {
        if (_running) throw new InvalidOperationException("DeterministicRuntime.RunOne called from inside a step (from an actor or timer?)");
        _running = true;
        // Without a synchronization context, continuations of tasks completed in this step run inline
        // here rather than being posted elsewhere (e.g. to a test framework's context or the thread pool).
        var context = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            if (Scheduler.TryFireNextDue())
            {
                Steps++;
                return true;
            }
            IRunnable next;
            lock (_lock)
            {
                if (_ready.Count == 0) return false;
                int index = _picker.Next(_ready.Count);
                next = _ready[index];
                _ready[index] = _ready[^1];
                _ready.RemoveAt(_ready.Count - 1);
            }
            next.Run();
            Steps++;
            return true;
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(context);
            _running = false;
        }
    }

    /// <summary>
    /// Runs steps until nothing is left at the current virtual time; returns the number run. More than
    /// <paramref name="maxSteps"/> (default <see cref="MaxStepsPerRun"/>) steps is reported as a livelock.
    /// </summary>
    public long RunUntilIdle(long? maxSteps = null)
    {
        long limit = maxSteps ?? MaxStepsPerRun;
        long steps = 0;
        while (RunOne())
        {
            if (++steps > limit) throw Livelock(limit);
        }
        return steps;
    }

    /// <summary>Moves virtual time forward by <paramref name="duration"/>, firing timers in order and running everything they cause.</summary>
    public void Advance(TimeSpan duration)
    {
        if (duration < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(duration), duration, "cannot advance by a negative duration");
        AdvanceTo(Elapsed + duration);
    }

    /// <summary>Moves virtual time to <paramref name="elapsed"/> (since start), stopping at every due timer on the way.</summary>
    public void AdvanceTo(TimeSpan elapsed)
    {
        if (elapsed < Elapsed) throw new ArgumentOutOfRangeException(nameof(elapsed), elapsed, $"virtual time is already {Elapsed}");
        RunUntilIdle();
        while (Scheduler.NextDue is { } due && due <= elapsed)
        {
            Scheduler.MoveTo(due);
            RunUntilIdle();
        }
        Scheduler.MoveTo(elapsed);
        RunUntilIdle();
    }

    /// <summary>Runs until idle, then jumps to the next timer and runs again; false when no timer is pending.</summary>
    public bool AdvanceToNextTimer()
    {
        RunUntilIdle();
        if (Scheduler.NextDue is not { } due) return false;
        Scheduler.MoveTo(due > Elapsed ? due : Elapsed);
        RunUntilIdle();
        return true;
    }

    /// <summary>
    /// Runs steps, advancing virtual time timer by timer, until <paramref name="condition"/> holds or
    /// <paramref name="maxDuration"/> of virtual time has passed. The condition is checked after every
    /// step, so time stops at the moment it first holds. When it never holds, time ends at the deadline.
    /// </summary>
    public bool RunUntil(Func<bool> condition, TimeSpan maxDuration)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = Elapsed + maxDuration;
        long steps = 0;
        while (!condition())
        {
            if (RunOne())
            {
                if (++steps > MaxStepsPerRun) throw Livelock(MaxStepsPerRun);
                continue;
            }
            if (Scheduler.NextDue is { } due && due <= deadline)
            {
                Scheduler.MoveTo(due > Elapsed ? due : Elapsed);
                continue;
            }
            if (deadline > Elapsed) Scheduler.MoveTo(deadline);
            return condition();
        }
        return true;
    }

    /// <summary>Runs until <paramref name="task"/> completes (within <paramref name="maxDuration"/> of virtual time) and returns its result.</summary>
    public T RunUntilCompleted<T>(Task<T> task, TimeSpan maxDuration)
    {
        if (!RunUntil(() => task.IsCompleted, maxDuration))
            throw new TimeoutException($"task did not complete within {maxDuration} of virtual time (seed {Seed})");
        return task.GetAwaiter().GetResult();
    }

    internal void Enqueue(IRunnable runnable)
    {
        lock (_lock) _ready.Add(runnable);
    }

    private InvalidOperationException Livelock(long limit) =>
        new($"deterministic runtime (seed {Seed}) did not become idle within {limit} steps at virtual time {Elapsed}: messages keep causing messages");

    /// <summary>An action posted with <see cref="Post"/>, run once as one step.</summary>
    private sealed class ActionRunnable : IRunnable
    {
        private readonly Action _action;

        public ActionRunnable(Action action) => _action = action;

        public void Run() => _action();
    }
}

/// <summary>One unit of work the deterministic runtime can pick: a mailbox turn or a posted action.</summary>
internal interface IRunnable
{
    void Run();
}

/// <summary>Hands every mailbox of a system to a shared <see cref="DeterministicRuntime"/> instead of to threads.</summary>
internal sealed class DeterministicDispatcher : MessageDispatcher
{
    public DeterministicDispatcher(string id, int throughput, DeterministicRuntime runtime) : base(id, throughput)
    {
        Runtime = runtime;
    }

    public DeterministicRuntime Runtime { get; }

    internal override void Schedule(Mailbox mailbox) => Runtime.Enqueue(mailbox);
}
