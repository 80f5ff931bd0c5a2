namespace ZabActors.Actors;

/// <summary>The user guardian <c>/user</c>: parent of top-level actors; it stops (and logs) any top-level actor that fails.</summary>
internal sealed class GuardianActor : ActorBase
{
    protected internal override bool Receive(object message) => true;
}

/// <summary>The system guardian <c>/system</c>: stops itself (and the runtime services below it) once the user guardian has stopped.</summary>
internal sealed class SystemGuardianActor : ActorBase
{
    private readonly IActorRef _userGuardian;

    public SystemGuardianActor(LocalActorRef userGuardian)
    {
        _userGuardian = userGuardian;
    }

    protected override void PreStart() => Context.Watch(_userGuardian);

    protected internal override bool Receive(object message)
    {
        if (message is Terminated terminated && terminated.ActorRef.Equals(_userGuardian)) Context.Stop(Self);
        return true;
    }
}

/// <summary>The root guardian <c>/</c>: stops itself once the system guardian has stopped, which ends the system.</summary>
internal sealed class RootGuardianActor : ActorBase
{
    protected override void PreStart()
    {
        var systemGuardian = Context.Child("system");
        Context.Watch(systemGuardian);
    }

    protected internal override bool Receive(object message)
    {
        if (message is Terminated terminated && terminated.ActorRef.Path.Name == "system") Context.Stop(Self);
        return true;
    }
}
