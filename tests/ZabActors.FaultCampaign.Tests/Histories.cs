using ZabActors.FaultCampaign.Checking;

namespace ZabActors.FaultCampaign.Tests;

/// <summary>Hand-written histories for the checker tests: operations with explicit call and return times.</summary>
internal sealed class Histories<TInput, TOutput>
    where TOutput : class
{
    private readonly List<Operation<TInput, TOutput>> operations = [];

    public IReadOnlyList<Operation<TInput, TOutput>> Operations => operations;

    public Histories<TInput, TOutput> Ok(int client, TInput input, TOutput output, long call, long ret) =>
        Add(client, input, output, call, ret, OperationStatus.Ok);

    public Histories<TInput, TOutput> Fail(int client, TInput input, long call, long ret) =>
        Add(client, input, null, call, ret, OperationStatus.Fail);

    public Histories<TInput, TOutput> Unknown(int client, TInput input, long call, TOutput? output = null) =>
        Add(client, input, output, call, Operation<TInput, TOutput>.Infinity, OperationStatus.Unknown);

    private Histories<TInput, TOutput> Add(int client, TInput input, TOutput? output, long call, long ret, OperationStatus status)
    {
        operations.Add(new Operation<TInput, TOutput>(operations.Count, client, input, output, call, ret, status));
        return this;
    }
}
