namespace ZabActors.Actors;

/// <summary>A behavior of an <see cref="UntypedActor"/>; it handles everything it is given.</summary>
public delegate void UntypedReceive(object message);

/// <summary>An actor with a single <see cref="OnReceive"/> method; it calls <c>Unhandled</c> itself for messages it ignores.</summary>
public abstract class UntypedActor : ActorBase
{
    protected abstract void OnReceive(object message);

    protected internal sealed override bool Receive(object message)
    {
        OnReceive(message);
        return true;
    }

    protected void Become(UntypedReceive receive)
    {
        ArgumentNullException.ThrowIfNull(receive);
        Become(message =>
        {
            receive(message);
            return true;
        });
    }

    protected void BecomeStacked(UntypedReceive receive)
    {
        ArgumentNullException.ThrowIfNull(receive);
        BecomeStacked(message =>
        {
            receive(message);
            return true;
        });
    }
}
