using Microsoft.Extensions.Logging;

namespace ZabActors.Actors;

/// <summary>
/// Logs dead letters without flooding the log: after <c>zab.log-dead-letters</c> entries it pauses for
/// <c>zab.log-dead-letters-suspend-duration</c> (on the system clock), then reports how many it skipped.
/// </summary>
internal sealed class DeadLetterLogger
{
    private readonly object _lock = new();
    private readonly ActorSystem _system;
    private readonly ILogger _log;
    private int _loggedInWindow;
    private long _skipped;
    private TimeSpan? _suspendedUntil;

    public DeadLetterLogger(ActorSystem system)
    {
        _system = system;
        _log = system.LoggerFactory.CreateLogger("ZabActors.Actors.DeadLetters");
    }

    public void Log(DeadLetter deadLetter, long total)
    {
        var settings = _system.Settings;
        if (settings.LogDeadLetters == 0 || !_log.IsEnabled(LogLevel.Information)) return;
        if (_system.IsTerminating && !settings.LogDeadLettersDuringShutdown) return;
        lock (_lock)
        {
            var now = _system.Scheduler.MonotonicClock;
            if (_suspendedUntil is { } until)
            {
                if (now < until)
                {
                    _skipped++;
                    return;
                }
                _suspendedUntil = null;
                _loggedInWindow = 0;
                _log.LogInformation("{Skipped} dead letters were not logged while dead-letter logging was paused", _skipped);
                _skipped = 0;
            }
            _loggedInWindow++;
            _log.LogInformation(
                "Message {MessageType} from {Sender} to {Recipient} was not delivered. [{Total}] dead letters encountered",
                deadLetter.Message.GetType().Name, deadLetter.Sender, deadLetter.Recipient, total);
            if (_loggedInWindow < settings.LogDeadLetters) return;
            _suspendedUntil = now + settings.LogDeadLettersSuspendDuration;
            _log.LogInformation(
                "Dead-letter logging paused for {Duration} after {Count} entries (zab.log-dead-letters)",
                settings.LogDeadLettersSuspendDuration, _loggedInWindow);
        }
    }
}
