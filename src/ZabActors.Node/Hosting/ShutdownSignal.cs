using System.Runtime.InteropServices;

namespace ZabActors.Node.Hosting;

/// <summary>
/// Turns SIGTERM and SIGINT (Ctrl+C) into a task, instead of the runtime's default of ending the
/// process at once, so a node can leave the ensemble in order. Dispose to restore the default.
/// </summary>
public sealed class ShutdownSignal : IDisposable
{
    private readonly TaskCompletionSource<string> requested = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<PosixSignalRegistration> registrations = [];

    public ShutdownSignal()
    {
        foreach (var signal in new[] { PosixSignal.SIGTERM, PosixSignal.SIGINT })
        {
            registrations.Add(PosixSignalRegistration.Create(signal, context =>
            {
                context.Cancel = true;
                requested.TrySetResult(context.Signal.ToString());
            }));
        }
    }

    /// <summary>Completes with the signal's name when one arrives.</summary>
    public Task<string> Requested => requested.Task;

    public void Dispose()
    {
        foreach (var registration in registrations)
            registration.Dispose();
    }
}
