using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ZabActors.Actors;

/// <summary>
/// A hierarchy of actors sharing configuration, dispatchers, a scheduler, an event stream and dead
/// letters. Create top-level actors with <see cref="ActorOf"/>; <see cref="Terminate"/> stops them all,
/// children before parents, and completes <see cref="WhenTerminated"/>.
/// </summary>
public sealed partial class ActorSystem : IActorRefFactory, IDisposable
{
    private static readonly Regex ValidName = new("^[a-zA-Z0-9][a-zA-Z0-9_-]*$", RegexOptions.CultureInvariant);
    private readonly TaskCompletionSource _whenTerminated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<Type, object> _extensions = new();
    private readonly DeadLetterLogger _deadLetterLogger;
    private readonly LocalActorRefProvider _localProvider;
    private long _uid;
    private long _deadLetterCount;
    private int _terminating;

    private ActorSystem(string name, ActorSystemSettings settings, ActorSystemSetup setup)
    {
        Name = name;
        Settings = settings;
        Runtime = setup.Runtime;
        LoggerFactory = setup.LoggerFactory ?? NullLoggerFactory.Instance;
        Log = LoggerFactory.CreateLogger("ZabActors.Actors.ActorSystem");
        SupervisionLog = LoggerFactory.CreateLogger("ZabActors.Actors.Supervision");
        Scheduler = Runtime is not null
            ? Runtime.Scheduler
            : new TimeProviderScheduler(setup.TimeProvider ?? TimeProvider.System, e => Log.LogError(e, "Scheduled action failed"));
        StartTime = Scheduler.Now;
        EventStream = new EventStream();
        Dispatchers = new Dispatchers(settings, Runtime);
        _deadLetterLogger = new DeadLetterLogger(this);
        var address = setup.Address ?? Address.Local(name);
        if (address.System != name) throw new ArgumentException($"address {address} does not name system '{name}'");
        _localProvider = new LocalActorRefProvider(this, address);
        Provider = setup.ProviderFactory?.Invoke(this, _localProvider) ?? _localProvider;
    }

    public string Name { get; }

    public ActorSystemSettings Settings { get; }

    /// <summary>The deterministic runtime the system runs on; null in thread-pool mode.</summary>
    public DeterministicRuntime? Runtime { get; }

    public ILoggerFactory LoggerFactory { get; }

    public ILogger Log { get; }

    public IScheduler Scheduler { get; }

    public EventStream EventStream { get; }

    public Dispatchers Dispatchers { get; }

    public IActorRefProvider Provider { get; }

    public IActorRef DeadLetters => _localProvider.DeadLetters;

    public DateTimeOffset StartTime { get; }

    public TimeSpan Uptime => Scheduler.Now - StartTime;

    /// <summary>Dead letters so far (messages to stopped or unknown actors), excluding suppressed kinds such as late timer ticks.</summary>
    public long DeadLetterCount => Interlocked.Read(ref _deadLetterCount);

    /// <summary>Completes once every actor has stopped after <see cref="Terminate"/>.</summary>
    public Task WhenTerminated => _whenTerminated.Task;

    public bool IsTerminating => Volatile.Read(ref _terminating) != 0;

    internal ILogger SupervisionLog { get; }

    /// <summary>Creates a system configured by <paramref name="settings"/>.</summary>
    public static ActorSystem Create(string name, ActorSystemSettings settings, ActorSystemSetup? setup = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(settings);
        if (!ValidName.IsMatch(name))
            throw new ArgumentException($"invalid actor system name [{name}]: use letters, digits, '-' and '_', starting with a letter or digit", nameof(name));
        settings.Validate();
        var system = new ActorSystem(name, settings, setup ?? ActorSystemSetup.Empty);
        system._localProvider.Start();
        return system;
    }

    /// <summary>Creates a top-level actor under <c>/user</c>.</summary>
    public IActorRef ActorOf(Props props, string? name = null) => _localProvider.GuardianCell.AttachChild(props, name);

    /// <summary>Creates a runtime service actor under <c>/system</c>; it outlives every user actor at shutdown.</summary>
    public IActorRef SystemActorOf(Props props, string? name = null) => _localProvider.SystemGuardianCell.AttachChild(props, name);

    public ActorSelection ActorSelection(string path) => Actors.ActorSelection.Create(this, null, path);

    public ActorSelection ActorSelection(ActorPath path) => Actors.ActorSelection.Create(this, null, path.ToString());

    /// <summary>Stops <paramref name="actor"/> asynchronously (children first, then PostStop).</summary>
    public void Stop(IActorRef actor)
    {
        if (actor is not IInternalActorRef target) throw new ArgumentException($"{actor} cannot be stopped", nameof(actor));
        target.Stop();
    }

    /// <summary>Stops every actor (children before parents, user actors before system actors) and completes <see cref="WhenTerminated"/>.</summary>
    public Task Terminate()
    {
        if (Interlocked.Exchange(ref _terminating, 1) == 0)
        {
            Log.LogDebug("Terminating actor system {System}", Name);
            Provider.Guardian.Stop();
        }
        return WhenTerminated;
    }

    /// <summary>
    /// Terminates and waits: up to 10 s of real time in thread-pool mode; under a deterministic
    /// runtime by running it until idle (the runtime must not be mid-step).
    /// </summary>
    public void Dispose()
    {
        Terminate();
        if (Runtime is not null) Runtime.RunUntilIdle();
        else if (!WhenTerminated.Wait(TimeSpan.FromSeconds(10))) Log.LogWarning("Actor system {System} did not terminate within 10 s", Name);
    }

    /// <summary>The extension of type <typeparamref name="T"/> of this system, created on first use.</summary>
    public T GetOrAddExtension<T>(Func<ActorSystem, T> create) where T : class =>
        (T)_extensions.GetOrAdd(typeof(T), _ => create(this));

    public bool TryGetExtension<T>(out T? extension) where T : class
    {
        bool found = _extensions.TryGetValue(typeof(T), out var value);
        extension = value as T;
        return found;
    }

    public override string ToString() => Provider.RootPath.Address.ToString();

    internal long NextUid() => Interlocked.Increment(ref _uid);

    internal void PublishDeadLetter(object message, IActorRef? sender, IActorRef recipient)
    {
        if (message is IDeadLetterSuppression) return;
        PublishDeadLetter(new DeadLetter(message, sender ?? DeadLetters, recipient));
    }

    internal void PublishDeadLetter(DeadLetter deadLetter)
    {
        if (deadLetter.Message is IDeadLetterSuppression) return;
        long count = Interlocked.Increment(ref _deadLetterCount);
        EventStream.Publish(deadLetter);
        _deadLetterLogger.Log(deadLetter, count);
    }

    internal void PublishUnhandled(UnhandledMessage unhandled)
    {
        EventStream.Publish(unhandled);
        if (Log.IsEnabled(LogLevel.Debug)) Log.LogDebug("Unhandled message {Message} from {Sender} to {Recipient}", unhandled.Message, unhandled.Sender, unhandled.Recipient);
    }

    internal void OnRootTerminated()
    {
        if (Scheduler is IDisposable disposable) disposable.Dispose();
        Log.LogDebug("Actor system {System} terminated", Name);
        _whenTerminated.TrySetResult();
    }
}
