using System.Text;

namespace ZabActors.FaultCampaign.Models;

/// <summary>
/// An order-sensitive 64-bit digest of a sequence of values (FNV-1a of each value folded into the
/// running digest with a multiply-xorshift mix), so that a read can report "the log I saw" in three
/// numbers and the model can compare it with its own log without holding either.
/// </summary>
public static class LogDigest
{
    public const ulong Empty = 0xcbf29ce484222325UL;

    public static ulong Extend(ulong digest, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var hash = 0xcbf29ce484222325UL;
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            hash = (hash ^ b) * 0x100000001b3UL;
        }
        var mixed = (digest ^ hash) * 0x9e3779b97f4a7c15UL;
        return mixed ^ (mixed >> 29);
    }

    public static ulong Of(IEnumerable<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return values.Aggregate(Empty, Extend);
    }
}
