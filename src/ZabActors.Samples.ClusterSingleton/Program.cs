using ZabActors.Samples.ClusterSingleton;

SampleOptions options;
try
{
    options = SampleOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(SampleOptions.Usage);
    return 2;
}
if (options.Help)
{
    Console.WriteLine(SampleOptions.Usage);
    return 0;
}
return options.Demo ? await Demo.RunAsync(options) : await SampleNode.RunAsync(options);
