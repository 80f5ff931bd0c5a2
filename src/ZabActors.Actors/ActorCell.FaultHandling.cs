using Microsoft.Extensions.Logging;

namespace ZabActors.Actors;

/// <summary>
/// Failure and supervision: a failing actor suspends itself and reports <see cref="Failed"/> to its
/// parent; the parent applies its strategy and answers with Resume, Recreate or Terminate, or fails
/// itself (escalation). Restart waits until the children stopped by PreRestart are gone.
/// </summary>
internal sealed partial class ActorCell
{
    private SupervisorStrategy? _strategy;
    private bool _failureReported;
    private bool _suspendedForFailure;
    private object? _failedMessage;
    private Exception? _pendingRecreate;
    private IInternalActorRef? _escalatedFrom;

    private SupervisorStrategy Strategy =>
        Props.SupervisorStrategy ?? (_strategy ??= _actor?.SupervisorStrategyInternal() ?? SupervisorStrategy.DefaultStrategy);

    private void HandleInvokeFailure(Exception cause)
    {
        if (_terminating)
        {
            Log.LogError(cause, "Failure while stopping {ActorPath}; ignored", SelfRef.Path);
            return;
        }
        if (_failureReported)
        {
            Log.LogError(cause, "Further failure of {ActorPath} while its supervisor decides; ignored", SelfRef.Path);
            return;
        }
        _failureReported = true;
        _failedMessage = _currentMessage;
        SuspendForFailure();
        Parent.SendSystemMessage(new Failed(SelfRef, cause, SelfRef.Path.Uid));
    }

    private void SuspendForFailure()
    {
        if (_suspendedForFailure) return;
        _suspendedForFailure = true;
        Mailbox.Suspend();
    }

    private void ResumeFromFailure()
    {
        _failureReported = false;
        _failedMessage = null;
        if (!_suspendedForFailure) return;
        _suspendedForFailure = false;
        Mailbox.Resume();
    }

    /// <summary>A child failed: ask the strategy, or escalate by failing ourselves with the same cause.</summary>
    private void HandleFailed(Failed failed)
    {
        var stats = FindChild(failed.Child);
        if (stats is null || stats.Uid != failed.Uid || _terminating) return;
        bool handled;
        try
        {
            handled = Strategy.HandleFailure(this, stats, failed.Cause, ChildStats());
        }
        catch (Exception e)
        {
            Log.LogError(e, "Supervisor strategy of {ActorPath} threw; escalating", SelfRef.Path);
            handled = false;
        }
        if (handled) return;
        _escalatedFrom = failed.Child;
        HandleInvokeFailure(failed.Cause);
    }

    private void FaultResume(Exception? cause)
    {
        if (_terminating) return;
        if (_actor is null)
        {
            FaultRecreate(cause ?? new ActorInitializationException(SelfRef, "resumed before it was ever created"));
            return;
        }
        ResumeFromFailure();
        if (_escalatedFrom is { } child)
        {
            _escalatedFrom = null;
            child.SendSystemMessage(new Resume(cause));
        }
    }

    /// <summary>Restart: PreRestart on the failed instance, then (once stopped children are gone) a fresh instance.</summary>
    private void FaultRecreate(Exception cause)
    {
        if (_terminating) return;
        SuspendForFailure();
        _escalatedFrom = null;
        if (_actor is { } failed)
        {
            CancelTimersAndStash(unstashToMailbox: true);
            StopReceiveTimeout();
            try
            {
                failed.AroundPreRestart(cause, _failedMessage);
            }
            catch (Exception e)
            {
                Log.LogError(e, "PreRestart of {ActorPath} threw; restarting anyway", SelfRef.Path);
            }
            _actor = null;
        }
        if (AnyChildStopping()) _pendingRecreate = cause;
        else FinishRecreate(cause);
    }

    private void FinishRecreate(Exception cause)
    {
        _pendingRecreate = null;
        _failureReported = false;
        EndAsyncWait();
        try
        {
            _actor = NewActorInstance();
            _actor.AroundPostRestart(cause);
        }
        catch (Exception e)
        {
            HandleInvokeFailure(new PostRestartException(SelfRef, e, cause));
            return;
        }
        ResumeFromFailure();
        foreach (var survivor in ChildStats())
        {
            if (!survivor.IsStopping) survivor.Child.SendSystemMessage(new Recreate(cause));
        }
    }

    private void HandleTerminate()
    {
        if (_terminating) return;
        _terminating = true;
        Mailbox.Suspend();
        StopReceiveTimeout();
        StopAllChildren();
        if (ChildCount == 0) FinishTerminate();
    }

    /// <summary>All children are gone: run PostStop, close the mailbox, and tell the parent and the watchers.</summary>
    private void FinishTerminate()
    {
        if (_terminated) return;
        _terminated = true;
        try
        {
            CancelTimersAndStash(unstashToMailbox: false);
            _actor?.AroundPostStop();
        }
        catch (Exception e)
        {
            Log.LogError(e, "PostStop of {ActorPath} threw", SelfRef.Path);
        }
        finally
        {
            _actor = null;
            _behavior = static _ => false;
            Mailbox.Close();
            Dispatcher.Detach(Mailbox);
            Parent.SendSystemMessage(new DeathWatchNotification(SelfRef, true, false));
            TellWatchersWeDied();
            UnwatchWatchedActors();
        }
    }

    /// <summary>Timers die with the incarnation; the stash goes to the next incarnation (restart) or to dead letters (stop).</summary>
    private void CancelTimersAndStash(bool unstashToMailbox)
    {
        _timers?.CancelAll();
        if (_stash is null) return;
        if (unstashToMailbox) _stash.UnstashAll();
        else _stash.DrainToDeadLetters();
    }
}
