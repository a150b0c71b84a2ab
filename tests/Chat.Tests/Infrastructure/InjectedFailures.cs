using System.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace Chat.Tests.Infrastructure;

/// <summary>
/// Makes a service of the server fail its next calls of one method, as the Redis client does when its socket closes
/// under a write (an <see cref="InvalidOperationException"/>, not a <c>RedisException</c>); every other call, and that
/// method's once the failures are spent, goes to the service the server registered.
/// </summary>
public sealed class InjectedFailures(string method)
{
    private readonly TaskCompletionSource spent = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int left;

    /// <summary>Completes once the failures armed last are all thrown.</summary>
    public Task Spent => spent.Task;

    /// <summary>The next <paramref name="count"/> calls of the method fail.</summary>
    public void Arm(int count) => Interlocked.Exchange(ref left, count);

    /// <summary>Wraps the last registration of <typeparamref name="TService"/> (for <see cref="ChatServer.StartAsync"/>'s services).</summary>
    public void Install<TService>(IServiceCollection services)
        where TService : class
    {
        var original = services.Last(d => d.ServiceType == typeof(TService));
        services.Remove(original);
        services.AddSingleton(sp =>
        {
            var inner = (TService)(original.ImplementationInstance
                ?? original.ImplementationFactory?.Invoke(sp)
                ?? ActivatorUtilities.CreateInstance(sp, original.ImplementationType!));
            var proxy = DispatchProxy.Create<TService, FailingProxy>();
            ((FailingProxy)(object)proxy).Attach(inner, this);
            return proxy;
        });
    }

    private bool TakeFailure(MethodInfo called)
    {
        if (called.Name != method)
        {
            return false;
        }

        var remaining = Interlocked.Decrement(ref left);
        if (remaining == 0)
        {
            spent.TrySetResult();
        }

        return remaining >= 0;
    }

    /// <summary>The proxy <see cref="DispatchProxy"/> makes; public with a parameterless constructor, as it requires.</summary>
    public class FailingProxy : DispatchProxy
    {
        private object inner = null!;
        private InjectedFailures failures = null!;

        internal void Attach(object service, InjectedFailures owner) => (inner, failures) = (service, owner);

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            ArgumentNullException.ThrowIfNull(targetMethod);
            if (failures.TakeFailure(targetMethod))
            {
                throw new InvalidOperationException("Writing is not allowed after writer was completed.");
            }

            try
            {
                return targetMethod.Invoke(inner, args);
            }
            catch (TargetInvocationException e) when (e.InnerException is { } thrown)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(thrown);
                throw;
            }
        }
    }
}
