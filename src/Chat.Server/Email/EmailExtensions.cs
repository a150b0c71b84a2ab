using Microsoft.Extensions.Options;

namespace Chat.Server.Email;

public static class EmailExtensions
{
    /// <summary>The e-mail channel: its settings (checked at start) and the mailbox reader and the answers' sender, which have nothing to do without mailboxes.</summary>
    public static IServiceCollection AddEmail(this IServiceCollection services, IConfiguration configuration)
    {
        // .NET has only the Unicode encodings, ASCII and Latin-1 built in; MimeKit needs the code pages for mail written in
        // windows-1251 or KOI8-R (common in Russian mail), or its text reads as Latin-1 gibberish.
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        services.AddOptions<EmailOptions>().Bind(configuration.GetSection(EmailOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EmailOptions>, EmailOptionsValidator>();
        services.AddScoped<EmailIntake>();
        services.AddScoped<MailAttachments>();
        services.AddHostedService<MailboxReader>();
        services.AddScoped<EmailOutbox>();
        services.AddSingleton<EmailSendSignal>();
        services.AddHostedService<EmailSender>();

        return services;
    }
}
