using Chat.Server.Policy;
using Microsoft.Extensions.DependencyInjection;

namespace Chat.Tests.Policy;

/// <summary>
/// Builds a class that consults the company's policy with the policy services the server registers
/// (<see cref="PolicyEndpoints.AddPolicy"/>): a unit test names the class it tests, never the
/// policy interfaces that class takes.
/// </summary>
internal static class CompanyServices
{
    private static readonly Lazy<ServiceProvider> Services = new(() =>
        new ServiceCollection().AddPolicy(PolicyTestSupport.CompanyConfiguration()).BuildServiceProvider());

    /// <summary>A <typeparamref name="T"/> with <paramref name="arguments"/> for what the policy services do not provide (a database, options).</summary>
    public static T Create<T>(params object[] arguments) => ActivatorUtilities.CreateInstance<T>(Services.Value, arguments);
}
