using Microsoft.Extensions.Logging;

namespace ZabActors.Actors;

/// <summary>
/// The runtime's half of one actor: its mailbox, current message, behaviour stack and the state
/// behind children, death watch, supervision, timers and stash (split over ActorCell.*.cs by concern).
/// Everything here runs on the thread currently running the mailbox, one message at a time; the
/// only state touched from other threads is the children table (under its lock).
/// </summary>
internal sealed partial class ActorCell : IActorContext
{
    [ThreadStatic] private static ActorCell? t_current;
    [ThreadStatic] private static ActorCell? t_constructing;

    private readonly List<Receive> _behaviors = new(1);
    private Receive _behavior = static _ => false;
    private Receive _initialBehavior = static _ => false;
    private ActorBase? _actor;
    private object? _currentMessage;
    private IActorRef? _currentSender;
    private ILogger? _log;
    private ActorTimers? _timers;
    private ActorStash? _stash;
    private volatile bool _terminating;
    private bool _terminated;

    public ActorCell(ActorSystem system, ActorPath path, Props props, MessageDispatcher dispatcher, IInternalActorRef parent)
    {
        System = system;
        Props = props;
        Dispatcher = dispatcher;
        Parent = parent;
        Mailbox = new Mailbox(dispatcher);
        SelfRef = new LocalActorRef(this, path);
        Mailbox.SetActor(this);
    }

    /// <summary>The cell whose mailbox this thread is running, for the implicit sender of <c>Tell(message)</c>.</summary>
    internal static ActorCell? Current
    {
        get => t_current;
        set => t_current = value;
    }

    public ActorSystem System { get; }

    public Props Props { get; }

    public MessageDispatcher Dispatcher { get; }

    public IInternalActorRef Parent { get; }

    IActorRef IActorContext.Parent => Parent;

    internal LocalActorRef SelfRef { get; }

    public IActorRef Self => SelfRef;

    public IActorRef Sender => _currentSender ?? System.DeadLetters;

    internal Mailbox Mailbox { get; }

    internal object? CurrentMessage => _currentMessage;

    internal IActorRef? CurrentSender => _currentSender;

    public ILogger Log => _log ??= new ActorLogger(System.LoggerFactory.CreateLogger(Props.Type), SelfRef.Path);

    internal ITimerScheduler Timers => _timers ??= new ActorTimers(this);

    /// <summary>Called by the ActorBase constructor: hands over (once) the cell the instance belongs to.</summary>
    internal static ActorCell? TakeConstructing()
    {
        var cell = t_constructing;
        t_constructing = null;
        return cell;
    }

    public void Start() => Mailbox.PostSystem(Create.Instance);

    internal void Invoke(in Envelope envelope)
    {
        object message = envelope.Message;
        _currentMessage = message;
        _currentSender = envelope.Sender;
        try
        {
            if (message is IAutoReceivedMessage) AutoReceive(message);
            else if (!_behavior(message)) _actor!.InvokeUnhandled(message);
            if (_receiveTimeoutEnabled && message is not INotInfluenceReceiveTimeout) MarkReceiveActivity();
        }
        catch (Exception e)
        {
            HandleInvokeFailure(e);
        }
        finally
        {
            _currentMessage = null;
            _currentSender = null;
        }
    }

    private void AutoReceive(object message)
    {
        switch (message)
        {
            case Terminated terminated:
                ReceiveTerminated(terminated);
                break;
            case ActorTimers.TimerMessage timer:
                if (_timers is not null && _timers.Accept(timer)) ReceiveUser(timer.Message);
                break;
            case ReceiveTimeoutCheck check:
                HandleReceiveTimeoutCheck(check);
                break;
            case PoisonPill:
                SelfRef.Stop();
                break;
            case Kill:
                throw new ActorKilledException("Kill");
            case Identify identify:
                Sender.Tell(new ActorIdentity(identify.MessageId, Self), Self);
                break;
            default:
                ReceiveUser(message);
                break;
        }
    }

    /// <summary>Hands a message to the current behaviour, as the current message.</summary>
    private void ReceiveUser(object message)
    {
        _currentMessage = message;
        if (!_behavior(message)) _actor!.InvokeUnhandled(message);
    }

    internal void SystemInvoke(ISystemMessage message)
    {
        try
        {
            switch (message)
            {
                case Create: CreateActor(); break;
                case Terminate: HandleTerminate(); break;
                case Watch watch: AddWatcher(watch.Watchee, watch.Watcher); break;
                case Unwatch unwatch: RemoveWatcher(unwatch.Watchee, unwatch.Watcher); break;
                case DeathWatchNotification notification: HandleDeathWatchNotification(notification); break;
                case Failed failed: HandleFailed(failed); break;
                case Recreate recreate: FaultRecreate(recreate.Cause); break;
                case Resume resume: FaultResume(resume.CausedByFailure); break;
                case RunContinuation continuation: RunContinuation(continuation); break;
                case AsyncHandlerCompleted completed: HandleAsyncCompleted(completed.Task); break;
                default: throw new InvalidOperationException($"unknown system message {message}");
            }
        }
        catch (Exception e)
        {
            HandleInvokeFailure(e);
        }
    }

    /// <summary>System messages that reach a dead actor: a late Watch is answered at once, the rest is dropped.</summary>
    internal void SystemInvokeAfterDeath(ISystemMessage message)
    {
        if (message is Watch watch && watch.Watchee.Equals(SelfRef) && !watch.Watcher.Equals(SelfRef))
            watch.Watcher.SendSystemMessage(new DeathWatchNotification(SelfRef, false, false));
    }

    internal void SendToDeadLetters(in Envelope envelope) =>
        System.PublishDeadLetter(envelope.Message, envelope.Sender, SelfRef);

    internal void PublishUnhandled(object message) =>
        System.PublishUnhandled(new UnhandledMessage(message, Sender, Self));

    /// <summary>Only reachable through a bug in the runtime itself: never let it take a thread-pool thread (and the process) down.</summary>
    internal void ReportMailboxCrash(Exception e) =>
        System.Log.LogCritical(e, "Mailbox of {ActorPath} crashed", SelfRef.Path);

    public void Become(Receive receive)
    {
        ArgumentNullException.ThrowIfNull(receive);
        _behaviors[^1] = receive;
        _behavior = receive;
    }

    public void BecomeStacked(Receive receive)
    {
        ArgumentNullException.ThrowIfNull(receive);
        _behaviors.Add(receive);
        _behavior = receive;
    }

    public void UnbecomeStacked()
    {
        if (_behaviors.Count > 1) _behaviors.RemoveAt(_behaviors.Count - 1);
        else _behaviors[0] = _initialBehavior;
        _behavior = _behaviors[^1];
    }

    public ActorSelection ActorSelection(string path) => Actors.ActorSelection.Create(System, SelfRef, path);

    public ActorSelection ActorSelection(ActorPath path) => Actors.ActorSelection.Create(System, SelfRef, path.ToString());

    internal IStash CreateStash() => _stash ??= new ActorStash(this, System.Settings.StashCapacity);

    private ActorBase NewActorInstance()
    {
        t_constructing = this;
        ActorBase actor;
        try
        {
            actor = Props.NewActor();
        }
        finally
        {
            t_constructing = null;
        }
        _initialBehavior = actor.CreateInitialBehavior();
        _behaviors.Clear();
        _behaviors.Add(_initialBehavior);
        _behavior = _initialBehavior;
        _strategy = null;
        return actor;
    }

    private void CreateActor()
    {
        try
        {
            _actor = NewActorInstance();
            _actor.AroundPreStart();
        }
        catch (Exception e)
        {
            HandleInvokeFailure(new ActorInitializationException(SelfRef, "exception during creation", e));
        }
    }

    public override string ToString() => $"ActorCell({SelfRef.Path})";
}
