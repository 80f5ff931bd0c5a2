using System.Globalization;

namespace ZabActors.TestKit;

/// <summary>Short, stable renderings of messages, lists and durations for failure messages.</summary>
internal static class Describe
{
    private const int MaxListed = 20;

    public static string Message(object? message) => message switch
    {
        null => "null",
        string s => $"\"{s}\"",
        _ => message.ToString() ?? message.GetType().Name,
    };

    public static string List(IReadOnlyList<object> messages)
    {
        if (messages.Count == 0) return "[] (nothing arrived)";
        var shown = messages.Take(MaxListed).Select(Message);
        var more = messages.Count > MaxListed ? $", ... {messages.Count - MaxListed} more" : "";
        return "[" + string.Join(", ", shown) + more + "]";
    }

    public static string Duration(TimeSpan duration)
    {
        if (duration == Timeout.InfiniteTimeSpan) return "forever";
        if (duration.TotalSeconds >= 1 && duration.Milliseconds == 0) return duration.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + "s";
        if (duration.TotalSeconds >= 1) return duration.TotalSeconds.ToString("0.0##", CultureInfo.InvariantCulture) + "s";
        return duration.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture) + "ms";
    }

    public static string Type(Type type)
    {
        if (!type.IsGenericType) return type.Name;
        var name = type.Name[..type.Name.IndexOf('`')];
        return $"{name}<{string.Join(", ", type.GetGenericArguments().Select(Type))}>";
    }
}
