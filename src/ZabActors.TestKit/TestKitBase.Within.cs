using System.Runtime.ExceptionServices;

namespace ZabActors.TestKit;

/// <summary>Deadlines and eventual assertions: Within, AwaitAssert, AwaitCondition.</summary>
public abstract partial class TestKitBase
{
    /// <summary>Runs <paramref name="action"/>, failing if it takes longer than <paramref name="max"/>; expectations inside default to the time left.</summary>
    public void Within(TimeSpan max, Action action) => Within(TimeSpan.Zero, max, () =>
    {
        action();
        return true;
    });

    public T Within<T>(TimeSpan max, Func<T> function) => Within(TimeSpan.Zero, max, function);

    /// <summary>As <see cref="Within(TimeSpan, Action)"/>, also failing if the block finishes before <paramref name="min"/>.</summary>
    public void Within(TimeSpan min, TimeSpan max, Action action) => Within(min, max, () =>
    {
        action();
        return true;
    });

    public T Within<T>(TimeSpan min, TimeSpan max, Func<T> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        var start = Now;
        var result = WithDeadline(max, function);
        var took = Now - start;
        if (took > max) throw Failure($"block took {Describe.Duration(took)}, exceeding the Within limit of {Describe.Duration(max)}");
        if (took < min) throw Failure($"block took {Describe.Duration(took)}, less than the Within minimum of {Describe.Duration(min)}");
        return result;
    }

    /// <summary>
    /// Retries <paramref name="assertion"/> every <paramref name="interval"/> until it passes or
    /// <paramref name="duration"/> is over, then rethrows its last failure. In virtual time each retry
    /// runs the runtime until idle and then advances virtual time by the interval.
    /// </summary>
    public void AwaitAssert(Action assertion, TimeSpan? duration = null, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(assertion);
        var max = TimeoutOrDefault(duration);
        var step = interval ?? TimeSpan.FromMilliseconds(100);
        var end = Now + max;
        while (true)
        {
            RunIfVirtual();
            try
            {
                assertion();
                return;
            }
            catch (Exception e) when (Now >= end)
            {
                ExceptionDispatchInfo.Capture(e).Throw();
            }
            catch (Exception)
            {
                WaitFor(Min(step, end - Now));
            }
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds, failing after <paramref name="max"/>.</summary>
    public void AwaitCondition(Func<bool> condition, TimeSpan? max = null, TimeSpan? interval = null, string? message = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var limit = TimeoutOrDefault(max);
        var step = interval ?? TimeSpan.FromMilliseconds(100);
        var end = Now + limit;
        while (true)
        {
            RunIfVirtual();
            if (condition()) return;
            if (Now >= end)
                throw Failure($"condition {(message is null ? "" : $"'{message}' ")}was not met within {Describe.Duration(limit)}");
            WaitFor(Min(step, end - Now));
        }
    }

    /// <summary>Lets time pass between retries: virtual time advances (running what becomes due); real time sleeps.</summary>
    private void WaitFor(TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero) return;
        if (Sys.Runtime is { } runtime) runtime.Advance(duration);
        else Thread.Sleep(duration);
    }
}
