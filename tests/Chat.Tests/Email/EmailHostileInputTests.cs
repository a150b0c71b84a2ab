using System.Text;
using Chat.Contracts;
using Chat.Server.Email;
using Chat.Server.OfflineQueue;
using Chat.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace Chat.Tests.Email;

/// <summary>Mail that must open nothing (robots, hostile or huge MIME) and mail whose body or arrival time needs care, on the embedded server.</summary>
[Trait("Area", "Email")]
public sealed class EmailHostileInputTests
{
    private static byte[] Raw(string text) => Encoding.UTF8.GetBytes(text.ReplaceLineEndings("\r\n"));

    /// <summary>Russian text in windows-1251, worked out by hand (А–я are 0xC0–0xFF, Ё 0xA8, ё 0xB8; the rest is ASCII).</summary>
    private static byte[] Windows1251(string text) => [.. text.Select(c => c switch
    {
        >= 'А' and <= 'я' => (byte)(c - 'А' + 0xC0),
        'Ё' => (byte)0xA8,
        'ё' => (byte)0xB8,
        _ => (byte)c,
    })];

    private static Task<List<MailSetAsideRecord>> SetAsideAsync(ChatServer server) =>
        server.QueryAsync(db => db.Set<MailSetAsideRecord>().AsNoTracking().OrderBy(m => m.Uid).ToListAsync());

    [Fact]
    public async Task An_auto_reply_and_a_bounce_open_nothing_and_the_next_mail_still_arrives()
    {
        var (mail, box, server) = await EmailKit.StartAsync(Backend.Embedded);
        await using var _ = server;
        var autoReply = EmailKit.Mail("Olga", "olga@example.com", box, "Автоответ: Тарифы", "Я в отпуске до понедельника.");
        autoReply.Headers.Add(HeaderId.AutoSubmitted, "auto-replied");
        var bounce = EmailKit.Mail("Mail Delivery System", "MAILER-DAEMON@mx.example.com", box, "Undelivered Mail Returned to Sender", "Delivery failed.");

        await mail.SendAsync(box, autoReply);
        await mail.SendAsync(box, bounce);
        await mail.SendAsync(box, EmailKit.Mail("Olga", "olga@example.com", box, "Тарифы", "Сколько стоит тариф?"));

        await server.WaitForReadAsync(3);
        Assert.Equal(["Тарифы\n\nСколько стоит тариф?"], (await server.EmailMessagesAsync()).Select(m => m.Text));
        Assert.Equal([SetAsideReasons.AutoReply, SetAsideReasons.Bounce], (await SetAsideAsync(server)).Select(m => m.Reason).Order());
    }

    [Fact]
    public async Task A_broken_message_a_20_MB_mail_and_a_MIME_bomb_are_kept_aside_and_the_next_good_mail_still_arrives()
    {
        var (mail, box, server) = await EmailKit.StartAsync(Backend.Embedded);
        await using var _ = server;
        var bomb = new StringBuilder("From: Bomb <bomb@example.com>\r\nSubject: bomb\r\nMIME-Version: 1.0\r\n");
        for (var depth = 0; depth < 200; depth++)
        {
            bomb.Append(System.Globalization.CultureInfo.InvariantCulture, $"Content-Type: multipart/mixed; boundary=\"b{depth}\"\r\n\r\n--b{depth}\r\n");
        }

        bomb.Append("Content-Type: text/plain\r\n\r\nboom\r\n");
        var huge = "From: Big <big@example.com>\r\nSubject: big\r\nContent-Type: text/plain\r\n\r\n" + string.Concat(Enumerable.Repeat(new string('x', 998) + "\r\n", 20 * 1024));

        await mail.AppendAsync(box, Raw("\u0001\u0002 not a header line at all\n\u0000\u0000 and no body either\n"));
        await mail.AppendAsync(box, Encoding.ASCII.GetBytes(huge));
        await mail.AppendAsync(box, Encoding.ASCII.GetBytes(bomb.ToString()));
        await mail.SendAsync(box, EmailKit.Mail("Olga", "olga@example.com", box, "Тарифы", "Сколько стоит тариф?"));

        await server.WaitForReadAsync(4);
        Assert.Equal(["Тарифы\n\nСколько стоит тариф?"], (await server.EmailMessagesAsync()).Select(m => m.Text));
        var kept = await SetAsideAsync(server);
        Assert.Equal(3, kept.Count);
        Assert.Contains(kept[0].Reason, new[] { SetAsideReasons.Malformed, SetAsideReasons.NoSender });
        Assert.Equal(SetAsideReasons.TooLarge, kept[1].Reason);
        Assert.True(kept[1].Size > 20_000_000);
        Assert.Equal(SetAsideReasons.TooComplex, kept[2].Reason);
    }

    [Fact]
    public async Task An_html_mail_is_stored_as_its_text_without_the_script_and_without_the_quoted_history()
    {
        var (mail, box, server) = await EmailKit.StartAsync(Backend.Embedded);
        await using var _ = server;
        var html = EmailKit.Mail("Olga", "olga@example.com", box, "Счёт", "");
        html.Body = new TextPart("html")
        {
            Text = "<html><head><title>t</title><style>p{color:red}</style></head><body><p>Пришлите, пожалуйста, счёт &amp; акт.</p>"
                + "<script>alert('x')</script><div>Ольга</div><p>On Mon, 30 Nov 2026, Chat wrote:</p><blockquote>&gt; old text</blockquote></body></html>",
        };

        await mail.SendAsync(box, html);

        await server.WaitForReadAsync(1);
        var text = Assert.Single(await server.EmailMessagesAsync()).Text;
        Assert.Equal("Счёт\n\nПришлите, пожалуйста, счёт & акт.\n\nОльга", text);
    }

    [Fact]
    public async Task Mail_in_windows_1251_and_koi8_r_reads_as_russian_and_broken_encodings_do_not_stop_the_mailbox()
    {
        var (mail, box, server) = await EmailKit.StartAsync(Backend.Embedded);
        await using var _ = server;
        string Word(string charset, byte[] text) => $"=?{charset}?B?{Convert.ToBase64String(text)}?=";
        byte[] Mail(string headers, byte[] body) => [.. Raw($"{headers}\nTo: {box.Address}\n\n"), .. body];
        // "Иван Петров" in KOI8-R, written out: the test process must not lend the server an encoding it lacks itself.
        byte[] koi8 = [0xE9, 0xD7, 0xC1, 0xCE, 0x20, 0xF0, 0xC5, 0xD4, 0xD2, 0xCF, 0xD7];

        await mail.AppendAsync(box, Mail(
            $"From: {Word("koi8-r", koi8)} <ivan@example.com>\nSubject: {Word("windows-1251", Windows1251("Счёт за ноябрь"))}\nMessage-ID: <cp1251@example.com>\nContent-Type: text/plain; charset=windows-1251\nContent-Transfer-Encoding: 8bit",
            Windows1251("Добрый день! Пришлите счёт.\r\n")));
        await mail.AppendAsync(box, Mail(
            "From: Broken <broken@example.com>\nSubject: =?x-unknown?B?!!!?=\nMessage-ID: <broken@example.com>\nContent-Type: text/plain; charset=x-unknown\nContent-Transfer-Encoding: base64",
            Raw("0J/RgNC40LLQtdGC!!!*** not base64 at all\n")));
        await mail.SendAsync(box, EmailKit.Mail("Olga", "olga@example.com", box, "После", "Следующее письмо."));

        await server.WaitForReadAsync(3);
        var stored = await server.EmailMessagesAsync();
        Assert.Equal(("Иван Петров", "Счёт за ноябрь\n\nДобрый день! Пришлите счёт."), (stored[0].SenderName, stored[0].Text));
        Assert.Equal("После\n\nСледующее письмо.", stored[^1].Text);
        Assert.Equal(3, stored.Count + (await SetAsideAsync(server)).Count);
    }

    [Fact]
    public async Task A_long_mail_with_control_characters_is_stored_cleaned_and_cut_to_the_longest_message()
    {
        var (mail, box, server) = await EmailKit.StartAsync(Backend.Embedded);
        await using var _ = server;

        await mail.SendAsync(box, EmailKit.Mail("Olga\u202E", "olga@example.com", box, "Длинное\u0007 письмо", "Начало.\u0001 " + new string('я', 5000)));

        await server.WaitForReadAsync(1);
        var stored = Assert.Single(await server.EmailMessagesAsync());
        Assert.Equal(4000, stored.Text.Length);
        Assert.StartsWith("Длинное письмо\n\nНачало. яяя", stored.Text, StringComparison.Ordinal);
        Assert.EndsWith("я…", stored.Text, StringComparison.Ordinal);
        Assert.Equal("Olga", stored.SenderName);
    }

    [Fact]
    public async Task A_mail_on_Friday_at_19_05_Moscow_time_is_due_on_Monday_at_19_00()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 19, 5, 0, TimeSpan.FromHours(3)));
        var (mail, box, server) = await EmailKit.StartAsync(Backend.Embedded, services: services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock)));
        await using var _ = server;

        await mail.SendAsync(box, EmailKit.Mail("Olga", "olga@example.com", box, "Тарифы", "Сколько стоит тариф?"));

        await server.WaitForReadAsync(1);
        var item = await server.QueryAsync(db => db.Set<OfflineItem>().AsNoTracking().SingleAsync(i => i.Kind == Chat.Server.OfflineQueue.OfflineItemKinds.Email));
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 19, 0, 0, TimeSpan.FromHours(3)), item.DueAt);
        Assert.Equal((QueueTargetKind.Pool, "call-centre"), (item.TargetKind, item.Target));
    }
}
