namespace ZabActors.Actors;

/// <summary>A handle to cancel something scheduled, as returned by the scheduler.</summary>
public interface ICancelable
{
    bool IsCancellationRequested { get; }

    void Cancel();
}

/// <summary>A thread-safe cancellation flag with an optional action run once on the first Cancel.</summary>
public class Cancelable : ICancelable
{
    private Action? _onCancel;
    private int _cancelled;

    public Cancelable(Action? onCancel = null)
    {
        _onCancel = onCancel;
    }

    public bool IsCancellationRequested => Volatile.Read(ref _cancelled) != 0;

    public void Cancel()
    {
        if (Interlocked.Exchange(ref _cancelled, 1) != 0) return;
        var action = Interlocked.Exchange(ref _onCancel, null);
        action?.Invoke();
    }

    /// <summary>A cancelable that is already cancelled.</summary>
    public static ICancelable CreateCanceled()
    {
        var c = new Cancelable();
        c.Cancel();
        return c;
    }
}
