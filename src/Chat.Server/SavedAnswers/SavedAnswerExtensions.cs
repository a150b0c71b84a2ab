namespace Chat.Server.SavedAnswers;

public static class SavedAnswerExtensions
{
    /// <summary>Binds <c>Chat:SavedAnswers</c>, the ready answers the console offers.</summary>
    public static IServiceCollection AddSavedAnswers(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SavedAnswerOptions>().Bind(configuration.GetSection(SavedAnswerOptions.Section));
        return services;
    }
}
