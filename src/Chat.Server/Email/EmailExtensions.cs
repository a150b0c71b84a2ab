using Microsoft.Extensions.Options;

namespace Chat.Server.Email;

public static class EmailExtensions
{
    /// <summary>The e-mail channel: its settings (checked at start) and the mailbox reader and the answers' sender, which have nothing to do without mailboxes.</summary>
    public static IServiceCollection AddEmail(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EmailOptions>().Bind(configuration.GetSection(EmailOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EmailOptions>, EmailOptionsValidator>();
        services.AddScoped<EmailIntake>();
        services.AddHostedService<MailboxReader>();
        services.AddScoped<EmailOutbox>();
        services.AddSingleton<EmailSendSignal>();
        services.AddHostedService<EmailSender>();

        return services;
    }
}
