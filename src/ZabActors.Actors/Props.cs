using System.Linq.Expressions;
using System.Reflection;

namespace ZabActors.Actors;

/// <summary>
/// An immutable recipe for creating an actor: how to construct it, which dispatcher runs it and which
/// strategy supervises its children. Restarts reuse the recipe, so the factory must build a fresh
/// instance every time.
/// </summary>
public sealed class Props
{
    private readonly Func<ActorBase> _factory;

    private Props(Type type, Func<ActorBase> factory, string dispatcher, SupervisorStrategy? strategy)
    {
        Type = type;
        _factory = factory;
        Dispatcher = dispatcher;
        SupervisorStrategy = strategy;
    }

    /// <summary>The actor class.</summary>
    public Type Type { get; }

    /// <summary>The configuration path of the dispatcher, e.g. <c>zab.actor.default-dispatcher</c>.</summary>
    public string Dispatcher { get; }

    /// <summary>Overrides the actor's own <c>SupervisorStrategy()</c> for its children.</summary>
    public SupervisorStrategy? SupervisorStrategy { get; }

    public static Props Create<T>() where T : ActorBase, new() =>
        new(typeof(T), static () => new T(), Dispatchers.DefaultDispatcherId, null);

    /// <summary>Creates the actor by calling the constructor that accepts <paramref name="args"/>.</summary>
    public static Props Create<T>(params object?[] args) where T : ActorBase => Create(typeof(T), args);

    public static Props Create(Type type, params object?[] args)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (!typeof(ActorBase).IsAssignableFrom(type) || type.IsAbstract)
            throw new ArgumentException($"{type} is not a concrete actor type (must derive from ActorBase)", nameof(type));
        var constructor = FindConstructor(type, args);
        var arguments = (object?[])args.Clone();
        return new Props(type, () => (ActorBase)constructor.Invoke(arguments), Dispatchers.DefaultDispatcherId, null);
    }

    /// <summary>
    /// Creates the actor with a <c>new T(...)</c> expression, as in <c>Props.Create(() => new Worker(id))</c>.
    /// Constructor arguments are evaluated once, now; any other expression body is compiled and
    /// evaluated on every (re)start.
    /// </summary>
    public static Props Create<T>(Expression<Func<T>> factory) where T : ActorBase
    {
        ArgumentNullException.ThrowIfNull(factory);
        if (factory.Body is NewExpression { Constructor: { } constructor } creation)
        {
            var args = new object?[creation.Arguments.Count];
            for (int i = 0; i < args.Length; i++) args[i] = Evaluate(creation.Arguments[i]);
            return new Props(constructor.DeclaringType!, () => (ActorBase)constructor.Invoke(args), Dispatchers.DefaultDispatcherId, null);
        }
        var compiled = factory.Compile();
        return new Props(typeof(T), () => compiled(), Dispatchers.DefaultDispatcherId, null);
    }

    /// <summary>Creates the actor by calling <paramref name="factory"/> on every (re)start.</summary>
    public static Props CreateBy<T>(Func<T> factory) where T : ActorBase
    {
        ArgumentNullException.ThrowIfNull(factory);
        return new Props(typeof(T), () => factory(), Dispatchers.DefaultDispatcherId, null);
    }

    public Props WithDispatcher(string dispatcherId)
    {
        ArgumentException.ThrowIfNullOrEmpty(dispatcherId);
        return new Props(Type, _factory, dispatcherId, SupervisorStrategy);
    }

    public Props WithSupervisorStrategy(SupervisorStrategy strategy)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        return new Props(Type, _factory, Dispatcher, strategy);
    }

    /// <summary>Builds a fresh actor instance; only the runtime calls this, with the actor's cell in context.</summary>
    internal ActorBase NewActor()
    {
        try
        {
            return _factory();
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }

    public override string ToString() => $"Props({Type.Name}, dispatcher={Dispatcher})";

    private static ConstructorInfo FindConstructor(Type type, object?[] args)
    {
        ConstructorInfo? found = null;
        foreach (var candidate in type.GetConstructors(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance))
        {
            var parameters = candidate.GetParameters();
            if (parameters.Length != args.Length) continue;
            bool fits = true;
            for (int i = 0; i < args.Length && fits; i++)
            {
                var p = parameters[i].ParameterType;
                fits = args[i] is null ? !p.IsValueType || Nullable.GetUnderlyingType(p) is not null : p.IsInstanceOfType(args[i]);
            }
            if (!fits) continue;
            if (found is not null) throw new ArgumentException($"{type.Name} has more than one constructor accepting these {args.Length} argument(s)");
            found = candidate;
        }
        return found ?? throw new ArgumentException(
            $"{type.Name} has no constructor accepting ({string.Join(", ", args.Select(a => a?.GetType().Name ?? "null"))})");
    }

    private static object? Evaluate(Expression expression) => expression switch
    {
        ConstantExpression constant => constant.Value,
        MemberExpression { Member: FieldInfo field, Expression: var target } => field.GetValue(target is null ? null : Evaluate(target)),
        MemberExpression { Member: PropertyInfo property, Expression: var target } => property.GetValue(target is null ? null : Evaluate(target)),
        UnaryExpression { NodeType: ExpressionType.Convert, Operand: var operand, Type: var type } when !type.IsValueType || Nullable.GetUnderlyingType(type) is not null =>
            Evaluate(operand),
        _ => Expression.Lambda<Func<object?>>(Expression.Convert(expression, typeof(object))).Compile()(),
    };
}
