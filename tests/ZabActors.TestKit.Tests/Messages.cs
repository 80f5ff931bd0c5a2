namespace ZabActors.TestKit.Tests;

internal sealed record Ping(long Zxid);

internal sealed record Diff(long From, long To);

internal sealed record LeaderInfo(long Epoch);
