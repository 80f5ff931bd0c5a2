using System.Diagnostics;

namespace ZabActors.FaultCampaign.Checking;

/// <summary>The running count of one check's steps and time against its <see cref="CheckBudget"/>.</summary>
internal sealed class SearchBudget(CheckBudget limits)
{
    private const int ClockCheckEverySteps = 4096;
    private readonly Stopwatch elapsed = Stopwatch.StartNew();

    public long Steps { get; private set; }

    public bool Exhausted { get; private set; }

    /// <summary>Counts one step; false once the budget is spent (and from then on).</summary>
    public bool Step()
    {
        Steps++;
        if (Steps > limits.MaxSteps || (Steps % ClockCheckEverySteps == 0 && elapsed.Elapsed > limits.MaxTime))
        {
            Exhausted = true;
        }
        return !Exhausted;
    }
}
