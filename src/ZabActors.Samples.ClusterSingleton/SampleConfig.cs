using Akka.Configuration;

namespace ZabActors.Samples.ClusterSingleton;

/// <summary>The sample's HOCON: the embedded sample.conf with an optional file layered on top.</summary>
public static class SampleConfig
{
    public static Config Load(string? file)
    {
        using var stream = typeof(SampleConfig).Assembly.GetManifestResourceStream("ZabActors.Samples.ClusterSingleton.sample.conf")
            ?? throw new InvalidOperationException("sample.conf is not embedded");
        using var reader = new StreamReader(stream);
        var defaults = ConfigurationFactory.ParseString(reader.ReadToEnd());
        return file is null ? defaults : ConfigurationFactory.ParseString(File.ReadAllText(file)).WithFallback(defaults);
    }
}
