using Chat.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Chat.Tests.Email;

/// <summary>Two nodes on one PostgreSQL database configured with the same mailbox: one reads it, and the other takes over when it goes.</summary>
[Trait("Area", "Email")]
public sealed class EmailClusterTests
{
    [Fact]
    public async Task The_mailbox_moves_to_the_second_node_when_the_reading_node_stops_and_every_mail_is_one_message()
    {
        var (mail, box, first) = await EmailKit.StartAsync(Backend.RedisPostgres);
        var settings = EmailKit.Settings(mail, box);
        settings["ConnectionStrings:Postgres"] = first.Services.GetRequiredService<IConfiguration>().GetConnectionString("Postgres");
        await mail.SendAsync(box, EmailKit.Mail("Olga", "olga@example.com", box, "Первое", "Первое письмо."));
        await first.WaitForReadAsync(1);

        // The first node holds the mailbox's lease; the second waits for it.
        await using var second = await ChatServer.StartAsync(Backend.RedisPostgres, settings);
        await mail.SendAsync(box, EmailKit.Mail("Olga", "olga@example.com", box, "Второе", "Второе письмо."));
        await first.WaitForReadAsync(2);
        await first.DisposeAsync();
        await mail.SendAsync(box, EmailKit.Mail("Olga", "olga@example.com", box, "Третье", "Третье письмо."));

        await second.WaitForReadAsync(3);
        Assert.Equal(["Первое\n\nПервое письмо.", "Второе\n\nВторое письмо.", "Третье\n\nТретье письмо."], (await second.EmailMessagesAsync()).Select(m => m.Text));
    }
}
