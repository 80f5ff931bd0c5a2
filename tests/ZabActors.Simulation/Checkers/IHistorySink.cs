namespace ZabActors.Simulation.Checkers;

/// <summary>Where simulated components report what they observe; the simulator checks it after every step.</summary>
public interface IHistorySink
{
    void Record(HistoryEvent evt);
}
