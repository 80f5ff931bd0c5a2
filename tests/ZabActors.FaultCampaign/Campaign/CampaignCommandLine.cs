using System.Globalization;

namespace ZabActors.FaultCampaign.Campaign;

/// <summary>
/// Parses <c>--rounds N --seed S --ensemble 3|5+1 --round-seconds X --clients N</c> into
/// <see cref="CampaignOptions"/>. Without <c>--seed</c> a seed is drawn and printed, so any run can be replayed.
/// </summary>
public static class CampaignCommandLine
{
    public const string Usage = "usage: zab-fault-campaign [--rounds N=20] [--seed S] [--ensemble 3|5+1] [--round-seconds X=4] [--clients N=4]";

    /// <summary>The options, or null with the reason in <paramref name="error"/>.</summary>
    public static CampaignOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new CampaignOptions(20, Random.Shared.NextInt64(1, 1L << 40), 3, 0, 4, 4);
        error = null;
        for (var i = 0; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : null;
            options = args[i] switch
            {
                "--rounds" when int.TryParse(value, CultureInfo.InvariantCulture, out var rounds) && rounds >= 1 => options with { Rounds = rounds },
                "--seed" when long.TryParse(value, CultureInfo.InvariantCulture, out var seed) => options with { Seed = seed },
                "--ensemble" when value == "3" => options with { Voters = 3, Observers = 0 },
                "--ensemble" when value == "5+1" => options with { Voters = 5, Observers = 1 },
                "--round-seconds" when double.TryParse(value, CultureInfo.InvariantCulture, out var seconds) && seconds >= 1 => options with { RoundSeconds = seconds },
                "--clients" when int.TryParse(value, CultureInfo.InvariantCulture, out var clients) && clients is >= 1 and <= 64 => options with { Clients = clients },
                _ => null!,
            };
            if (options is null)
            {
                error = $"bad option {args[i]} {value}".TrimEnd();
                return null;
            }
            i++;
        }
        return options;
    }
}
