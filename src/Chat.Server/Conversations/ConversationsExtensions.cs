namespace Chat.Server.Conversations;

public static class ConversationsExtensions
{
    /// <summary>
    /// Conversations: the options, the reader, the one writer of messages (a hosted loop), the notifier of what happens
    /// in them and the notices that tell the visitor. The writer's <see cref="IMessageLog"/> comes with the storage, which knows the database.
    /// </summary>
    public static IServiceCollection AddConversations(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ConversationOptions>().Bind(configuration.GetSection(ConversationOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<MessageStore>();
        services.AddSingleton<ConversationNotifier>();
        services.AddSingleton<MessageWriter>();
        services.AddSingleton<VisitorNotices>();
        services.AddHostedService(sp => sp.GetRequiredService<MessageWriter>());
        return services;
    }
}
