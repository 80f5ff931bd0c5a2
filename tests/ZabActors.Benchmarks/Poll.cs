namespace ZabActors.Benchmarks;

/// <summary>
/// Waits for a condition by asking it again after a short pause that doubles up to a small cap, so a
/// benchmark goes on as soon as the condition holds instead of sleeping a fixed guess.
/// </summary>
internal static class Poll
{
    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan PauseMax = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// True as soon as <paramref name="condition"/> holds; false when it still does not hold on the first
    /// asking after <paramref name="timeout"/> has passed.
    /// </summary>
    public static async Task<bool> UntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var pause = FirstPause;
        while (true)
        {
            if (await condition())
                return true;
            if (DateTime.UtcNow > deadline)
                return false;
            await Task.Delay(pause);
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, PauseMax.Ticks));
        }
    }

    /// <inheritdoc cref="UntilAsync(Func{Task{bool}}, TimeSpan)"/>
    public static Task<bool> UntilAsync(Func<bool> condition, TimeSpan timeout) =>
        UntilAsync(() => Task.FromResult(condition()), timeout);
}
