using Chat.Contracts;
using Chat.Server.Conversations;
using Chat.Server.Handoff;
using Chat.Server.Pipeline;
using Chat.Tests.Infrastructure;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace Chat.Tests.Protocol;

/// <summary>Every request passes the same steps, in the documented order, and the steps that hold nothing of a request are made once.</summary>
[Trait("Area", "Protocol")]
public sealed class PipelineTests
{
    [Fact]
    public async Task Requests_pass_logging_validation_authorisation_and_handoff_access_in_that_order_and_only_the_last_is_made_per_call()
    {
        await using var server = await ChatServer.StartAsync(Backend.Embedded);
        await using var first = server.Services.CreateAsyncScope();
        await using var second = server.Services.CreateAsyncScope();

        var steps = first.ServiceProvider.GetServices<IPipelineBehavior<SendMessage, SendResult>>().ToList();
        var again = second.ServiceProvider.GetServices<IPipelineBehavior<SendMessage, SendResult>>().ToList();

        Assert.Equal(
            [typeof(LoggingBehavior<,>), typeof(ValidationBehavior<,>), typeof(AuthorizationBehavior<,>), typeof(HandoffAccessBehavior<,>)],
            steps.Select(s => s.GetType().GetGenericTypeDefinition()));
        Assert.Equal([true, true, true, false], steps.Zip(again, ReferenceEquals));
    }
}
