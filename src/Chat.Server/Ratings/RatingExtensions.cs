namespace Chat.Server.Ratings;

public static class RatingExtensions
{
    /// <summary>Binds <c>Chat:Ratings</c> and checks it at start-up.</summary>
    public static IServiceCollection AddRatings(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RatingOptions>().Bind(configuration.GetSection(RatingOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        return services;
    }
}
