using ZabActors.Node.Admin;
using ZabActors.Zab;

namespace ZabActors.Node.StateMachine;

/// <summary>
/// Creates the peer's state machines (the peer asks its factory for a fresh one whenever it starts)
/// and keeps the current one, so the admin endpoint reads the history of the machine the peer applies to.
/// </summary>
public sealed class AppendLogStateMachineHolder
{
    private volatile AppendLogStateMachine current = new();

    public AppendLogStateMachine Current => current;

    /// <summary>The factory handed to the peer.</summary>
    public IStateMachine Create()
    {
        var machine = new AppendLogStateMachine();
        current = machine;
        return machine;
    }

    public HistoryChunk ReadHistory(Zxid after, int max, long maxBytes = long.MaxValue) => current.ReadHistory(after, max, maxBytes);
}
