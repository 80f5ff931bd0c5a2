using ZabActors.Actors;

namespace ZabActors.Actors.Tests;

/// <summary>A test parent that creates one child, forwards it every message, and reports each child failure before applying <c>directive</c>.</summary>
internal sealed class ReportingParent : ReceiveActor
{
    private readonly IActorRef _reportTo;
    private readonly Directive _directive;

    public ReportingParent(IActorRef reportTo, Props child, Directive directive)
    {
        _reportTo = reportTo;
        _directive = directive;
        var created = Context.ActorOf(child, "child");
        ReceiveAny(m => created.Forward(m));
    }

    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(e =>
    {
        _reportTo.Tell(e);
        return _directive;
    });
}
