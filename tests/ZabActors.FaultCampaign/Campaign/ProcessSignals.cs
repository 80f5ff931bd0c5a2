using System.Runtime.InteropServices;

namespace ZabActors.FaultCampaign.Campaign;

/// <summary>SIGSTOP and SIGCONT for the pause fault: a stopped server keeps its sockets but answers nothing, like a long GC pause.</summary>
internal static class ProcessSignals
{
    private const int SigCont = 18;
    private const int SigStop = 19;

    public static bool Stop(int pid) => Send(pid, SigStop);

    public static bool Continue(int pid) => Send(pid, SigCont);

    private static bool Send(int pid, int signal) => !OperatingSystem.IsWindows() && SendSignal(pid, signal) == 0;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);
}
