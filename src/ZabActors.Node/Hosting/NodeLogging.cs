using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace ZabActors.Node.Hosting;

/// <summary>The console log of a node process: one line per entry, with a millisecond timestamp and the category.</summary>
public static class NodeLogging
{
    public static ILoggerFactory CreateConsole(LogLevel minimum) =>
        LoggerFactory.Create(builder => builder
            .SetMinimumLevel(minimum)
            .AddSimpleConsole(options =>
            {
                options.SingleLine = true;
                options.TimestampFormat = "HH:mm:ss.fff ";
                options.UseUtcTimestamp = false;
                options.ColorBehavior = LoggerColorBehavior.Disabled;
            }));
}
