namespace ZabActors.TestKit;

/// <summary>An expectation of the TestKit was not met; the message says what was expected and what arrived instead.</summary>
public sealed class TestKitAssertionException : Exception
{
    public TestKitAssertionException(string message, Exception? inner = null) : base(message, inner)
    {
    }
}
