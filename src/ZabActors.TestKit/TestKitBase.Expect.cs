namespace ZabActors.TestKit;

/// <summary>Expectations on the messages of the test actor, consumed one at a time in arrival order.</summary>
public abstract partial class TestKitBase
{
    /// <summary>Expects the next message to be a <typeparamref name="T"/> and returns it.</summary>
    public T ExpectMsg<T>(TimeSpan? timeout = null) => ExpectMsg<T>(static _ => true, timeout, null);

    /// <summary>Expects the next message to be equal (by value) to <paramref name="expected"/>.</summary>
    public T ExpectMsg<T>(T expected, TimeSpan? timeout = null) where T : notnull =>
        ExpectMsg<T>(m => Equals(m, expected), timeout, $"equal to {Describe.Message(expected)}");

    /// <summary>Expects the next message to be a <typeparamref name="T"/> satisfying <paramref name="isMessage"/>.</summary>
    public T ExpectMsg<T>(Predicate<T> isMessage, TimeSpan? timeout = null, string? hint = null)
    {
        ArgumentNullException.ThrowIfNull(isMessage);
        var max = TimeoutOrDefault(timeout);
        var expected = Describe.Type(typeof(T)) + (hint is null ? "" : " " + hint);
        if (!TryReceive(max, out var received))
            throw Failure($"expected {expected} within {Describe.Duration(max)} but got: {Describe.List(Queued())}");
        if (received.Message is T typed && isMessage(typed)) return typed;
        var got = new List<object> { received.Message };
        got.AddRange(Queued());
        throw Failure($"expected {expected} within {Describe.Duration(max)} but got: {Describe.List(got)}");
    }

    /// <summary>Expects the next message to be a <typeparamref name="T"/> sent by <paramref name="sender"/>.</summary>
    public T ExpectMsgFrom<T>(Actors.IActorRef sender, TimeSpan? timeout = null)
    {
        var message = ExpectMsg<T>(timeout);
        if (!LastSender.Equals(sender))
            throw Failure($"expected {Describe.Type(typeof(T))} from {sender} but it came from {LastSender}");
        return message;
    }

    /// <summary>Expects nothing to arrive for <paramref name="duration"/> (virtual time advances by it in virtual mode).</summary>
    public void ExpectNoMsg(TimeSpan duration)
    {
        if (TryReceive(duration, out var received))
        {
            var got = new List<object> { received.Message };
            got.AddRange(Queued());
            throw Failure($"expected no message for {Describe.Duration(duration)} but got: {Describe.List(got)}");
        }
    }

    /// <summary>Expects nothing to arrive for the remaining Within time or the default timeout.</summary>
    public void ExpectNoMsg() => ExpectNoMsg(RemainingOrDefault);

    /// <summary>Receives <paramref name="count"/> messages of any type, all within <paramref name="timeout"/>.</summary>
    public IReadOnlyList<object> ReceiveN(int count, TimeSpan? timeout = null)
    {
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(count), count, "must not be negative");
        var max = TimeoutOrDefault(timeout);
        var end = Now + max;
        var received = new List<object>(count);
        while (received.Count < count)
        {
            if (!TryReceive(Max(end - Now, TimeSpan.Zero), out var next))
                throw Failure($"expected {count} messages within {Describe.Duration(max)} but got {received.Count}: {Describe.List(received)}");
            received.Add(next.Message);
        }
        return received;
    }

    /// <summary>Receives one message of any type, or null when none arrives in time.</summary>
    public object? ReceiveOne(TimeSpan? timeout = null) =>
        TryReceive(TimeoutOrDefault(timeout), out var received) ? received.Message : null;

    /// <summary>Skips messages until one is a <typeparamref name="T"/> satisfying <paramref name="isMessage"/>, and returns it.</summary>
    public T FishForMessage<T>(Predicate<T> isMessage, TimeSpan? timeout = null, string? hint = null)
    {
        ArgumentNullException.ThrowIfNull(isMessage);
        var max = TimeoutOrDefault(timeout);
        var end = Now + max;
        var skipped = new List<object>();
        while (TryReceive(Max(end - Now, TimeSpan.Zero), out var received))
        {
            if (received.Message is T typed && isMessage(typed)) return typed;
            skipped.Add(received.Message);
        }
        var expected = Describe.Type(typeof(T)) + (hint is null ? "" : " " + hint);
        throw Failure($"fished for {expected} for {Describe.Duration(max)} but got: {Describe.List(skipped)}");
    }

    /// <summary>Skips messages until one satisfies <paramref name="isMessage"/>.</summary>
    public object FishForMessage(Predicate<object> isMessage, TimeSpan? timeout = null, string? hint = null) =>
        FishForMessage<object>(isMessage, timeout, hint);

    /// <summary>Expects the <see cref="Actors.Terminated"/> of <paramref name="target"/> (watch it first with <see cref="Watch"/>).</summary>
    public Actors.Terminated ExpectTerminated(Actors.IActorRef target, TimeSpan? timeout = null) =>
        ExpectMsg<Actors.Terminated>(t => t.ActorRef.Equals(target), timeout, $"of {target}");

    private protected static TestKitAssertionException Failure(string message, Exception? inner = null) => new(message, inner);
}
