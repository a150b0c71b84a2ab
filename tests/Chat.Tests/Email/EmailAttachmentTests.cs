using System.Globalization;
using System.Net;
using System.Text;
using Chat.Contracts;
using Chat.Server.Attachments;
using Chat.Server.Email;
using Chat.Tests.Api;
using Chat.Tests.Console;
using Chat.Tests.Handoff;
using Chat.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MimeKit;
using MimeKit.Utils;

namespace Chat.Tests.Email;

/// <summary>
/// The files of a client's mail on each backend: what the attachment rules accept (sniffed PNG, JPEG, GIF, WebP, PDF, each
/// within <c>Chat:Attachments:MaxBytes</c>, at most 10) comes with the visitor's message and downloads to a signed-in console
/// or an API key with <c>conversations:read</c> only; what they refuse is not stored and is named in the message; a mail
/// read again stores each file once.
/// </summary>
public abstract class EmailAttachmentTests(Backend backend)
{
    /// <summary>The size limit of these tests, so that a file above it is a small mail.</summary>
    private const int MaxBytes = 20_000;

    private static readonly byte[] Png = ConsoleFeatureTests.Png;

    private static readonly byte[] Pdf = TinyPdf();

    [Fact]
    public async Task A_known_clients_png_and_pdf_come_with_the_message_and_a_signed_in_agent_downloads_the_same_bytes()
    {
        var (mail, box, server, _) = await StartAsync();
        await using var _ = server;
        var message = WithFiles(box, "Счёт", "Добрый день! Скриншот и счёт во вложении.", ("Скриншот ошибки.png", Png, "image/png"), ("счёт № 42.pdf", Pdf, "application/pdf"));

        await mail.SendAsync(box, message);

        await server.WaitForReadAsync(1);
        var stored = Assert.Single(await server.EmailMessagesAsync());
        Assert.Equal("Счёт\n\nДобрый день! Скриншот и счёт во вложении.", stored.Text);
        Assert.Equal(
            [("Скриншот ошибки.png", "image/png", (long)Png.Length), ("счёт  42.pdf", "application/pdf", (long)Pdf.Length)],
            stored.Attachments!.Select(a => (a.FileName, a.ContentType, a.Size)));
        var cookies = await TestClients.SignInAgentAsync(server.BaseAddress, "m.petrov");
        await using var agent = TestClients.AgentConnection(server.BaseAddress, cookies);
        await agent.StartAsync();
        var shown = await agent.InvokeAsync<ResumeResult>("OpenConversation", stored.ConversationId, 0L);
        Assert.Equal(stored.Attachments!.Select(a => a.Id), shown.Messages.Single(m => m.Sender == SenderKind.Visitor).Attachments!.Select(a => a.Id));
        using var staff = TestClients.Http(server.BaseAddress, cookies);
        using var anonymous = TestClients.Http(server.BaseAddress);
        foreach (var (file, original) in stored.Attachments!.Zip([Png, Pdf]))
        {
            var served = await staff.GetAsync(new Uri(file.Url, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
            Assert.Equal(file.ContentType, served.Content.Headers.ContentType!.MediaType);
            Assert.Equal(original, await served.Content.ReadAsByteArrayAsync());
            Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(new Uri(file.Url, UriKind.Relative))).StatusCode);
        }
    }

    [Fact]
    public async Task An_api_key_that_reads_conversations_downloads_the_files_its_messages_link_to_and_anyone_else_gets_404()
    {
        var (mail, box, server, _) = await StartAsync();
        await using var _ = server;
        await mail.SendAsync(box, WithFiles(box, "Счёт", "Счёт и скриншот во вложении.", ("счёт.pdf", Pdf, "application/pdf"), ("screen.png", Png, "image/png")));
        await server.WaitForReadAsync(1);
        var stored = Assert.Single(await server.EmailMessagesAsync());
        var reader = await ApiKeys.CreateAsync(server.BaseAddress, "m.petrov", ApiScopes.ConversationsRead);
        var others = await ApiKeys.CreateAsync(server.BaseAddress, "m.petrov", [.. ApiScopes.All.Except([ApiScopes.ConversationsRead])]);
        var revoked = await ApiKeys.CreateAsync(server.BaseAddress, "m.petrov", ApiScopes.ConversationsRead);
        await ApiKeys.RevokeAsync(server.BaseAddress, revoked.Key.Id);

        using var api = new ApiClient(server.BaseAddress, reader.Secret);
        var files = (await api.GetMessagesAsync(stored.ConversationId.ToString())).Ok().Messages.Single(m => m.Sender == SenderKind.Visitor).Attachments!;
        Assert.Equal(stored.Attachments!.Select(a => a.Id), files.Select(a => a.Id));
        using var withScope = ApiClient.Authorised(server.BaseAddress, reader.Secret);
        using var withoutScope = ApiClient.Authorised(server.BaseAddress, others.Secret);
        using var unknownKey = ApiClient.Authorised(server.BaseAddress, "chat_unknown");
        using var revokedKey = ApiClient.Authorised(server.BaseAddress, revoked.Secret);
        using var anonymous = TestClients.Http(server.BaseAddress);
        foreach (var (file, original) in files.Zip([Pdf, Png]))
        {
            var served = await withScope.GetAsync(new Uri(file.Url, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
            Assert.Equal(file.ContentType, served.Content.Headers.ContentType!.MediaType);
            Assert.Equal(original, await served.Content.ReadAsByteArrayAsync());
            foreach (var refused in new[] { withoutScope, unknownKey, revokedKey, anonymous })
            {
                Assert.Equal(HttpStatusCode.NotFound, (await refused.GetAsync(new Uri(file.Url, UriKind.Relative))).StatusCode);
            }
        }
    }

    [Fact]
    public async Task A_screenshot_pasted_into_the_body_is_a_file_of_the_mail_and_the_signatures_small_logo_is_not()
    {
        var (mail, box, server, _) = await StartAsync();
        await using var _ = server;
        byte[] pasted = [.. Png, .. new byte[MailFilter.DecorationBytes]];
        var body = new BodyBuilder { TextBody = "Вот что я вижу.\n-- \nООО «Ромашка»" };
        var screenshot = body.LinkedResources.Add("image001.png", pasted, new ContentType("image", "png"));
        var logo = body.LinkedResources.Add("logo.png", Png, new ContentType("image", "png"));
        (screenshot.ContentId, logo.ContentId) = (MimeUtils.GenerateMessageId(), MimeUtils.GenerateMessageId());
        body.HtmlBody = $"<p>Вот что я вижу.</p><img src=\"cid:{screenshot.ContentId}\"><p>-- <br>ООО «Ромашка» <img src=\"cid:{logo.ContentId}\"></p>";
        body.Attachments.Add("схема.pdf", Pdf, new ContentType("application", "pdf"));
        var message = EmailKit.Mail("Анна Ромашкина", EmailKit.RomashkaAddress, box, "Ошибка", string.Empty);
        message.Body = body.ToMessageBody();

        await mail.SendAsync(box, message);

        await server.WaitForReadAsync(1);
        var stored = Assert.Single(await server.EmailMessagesAsync());
        Assert.Equal("Ошибка\n\nВот что я вижу.", stored.Text);
        Assert.Equal([("image001.png", (long)pasted.Length), ("схема.pdf", (long)Pdf.Length)], stored.Attachments!.Select(a => (a.FileName, a.Size)));
    }

    [Fact]
    public async Task Html_dressed_as_an_image_a_nameless_file_and_a_forwarded_mail_are_named_as_refused_and_the_pdf_beside_them_is_kept()
    {
        var (mail, box, server, _) = await StartAsync();
        await using var _ = server;
        var forwarded = EmailKit.Mail("Бухгалтерия", "buh@romashka.example", box, "Счёт", "Пересылаю.");
        var message = EmailKit.Mail("Анна Ромашкина", EmailKit.RomashkaAddress, box, "Re: Счёт", string.Empty);
        var body = new Multipart("mixed")
        {
            new MimePart("image", "png") { FileName = "photo.png", Content = new MimeContent(new MemoryStream("<!doctype html><script>alert(1)</script>"u8.ToArray())) },
            new MimePart("application", "octet-stream") { Content = new MimeContent(new MemoryStream([1, 2, 3])) },
            new MessagePart { Message = forwarded, ContentDisposition = new ContentDisposition(ContentDisposition.Attachment) { FileName = "Счёт.eml" } },
            new MimePart("application", "pdf") { FileName = "акт.pdf", Content = new MimeContent(new MemoryStream(Pdf)) },
        };
        message.Body = body;

        await mail.SendAsync(box, message);

        await server.WaitForReadAsync(1);
        var stored = Assert.Single(await server.EmailMessagesAsync());
        Assert.Equal(
            "Re: Счёт\n\nВложения не сохранены (принимаются только изображения PNG, JPEG, GIF, WebP и файлы PDF допустимого размера, не больше 10 в письме): photo.png, (application/octet-stream), Счёт.eml.",
            stored.Text);
        Assert.Equal(["акт.pdf"], stored.Attachments!.Select(a => a.FileName));
        Assert.Equal(1, await server.QueryAsync(db => db.Set<AttachmentRecord>().CountAsync()));
    }

    [Fact]
    public async Task An_exe_a_file_above_the_limit_and_the_eleventh_image_are_not_stored_the_message_names_them_and_the_next_mail_arrives()
    {
        var (mail, box, server, _) = await StartAsync();
        await using var _ = server;
        byte[] exe = [.. "MZ"u8, .. new byte[512]];
        byte[] big = [.. Png, .. new byte[MaxBytes]];
        var images = Enumerable.Range(1, 11).Select(i => ($"shot-{i:D2}.png", Png, "image/png"));
        var message = WithFiles(box, "Ошибка", "Не работает выгрузка.", [("setup.exe", exe, "application/octet-stream"), ("big.png", big, "image/png"), .. images]);

        await mail.SendAsync(box, message);
        await mail.WaitForCountAsync(box, 1);
        await mail.SendAsync(box, EmailKit.Mail("Анна Ромашкина", EmailKit.RomashkaAddress, box, "Ещё", "И ещё вопрос."));

        await server.WaitForReadAsync(2);
        var (first, next) = (await server.EmailMessagesAsync()) switch { [var a, var b] => (a, b), var all => throw new Xunit.Sdk.XunitException($"{all.Count} messages") };
        Assert.Equal(
            "Ошибка\n\nНе работает выгрузка.\n\nВложения не сохранены (принимаются только изображения PNG, JPEG, GIF, WebP и файлы PDF допустимого размера, не больше 10 в письме): setup.exe, big.png, shot-11.png.",
            first.Text);
        Assert.Equal(Enumerable.Range(1, 10).Select(i => $"shot-{i:D2}.png"), first.Attachments!.Select(a => a.FileName));
        Assert.Equal("Ещё\n\nИ ещё вопрос.", next.Text);
        Assert.Null(next.Attachments);
        Assert.Equal(10, await server.QueryAsync(db => db.Set<AttachmentRecord>().CountAsync()));
        Assert.Equal(10, Directory.GetFiles(FolderOf(server)).Length);
        Assert.Empty(await server.QueryAsync(db => db.Set<MailSetAsideRecord>().ToListAsync()));
    }

    [Fact]
    public async Task A_mail_read_again_after_a_crash_stores_each_of_its_files_once()
    {
        var data = Directory.CreateTempSubdirectory("chat-email-files-");
        var (mail, box, server, settings) = await StartAsync(data.FullName);
        var message = WithFiles(box, "Акт", "Акт и скриншот.", ("акт.pdf", Pdf, "application/pdf"), ("screen.png", Png, "image/png"));
        await mail.SendAsync(box, message);
        List<Guid> ids;
        await using (server)
        {
            await server.WaitForReadAsync(1);
            ids = [.. Assert.Single(await server.EmailMessagesAsync()).Attachments!.Select(a => a.Id)];

            // As after a crash between writing a file and recording it, and before the mail was recorded as done.
            await server.Services.GetServices<IHostedService>().OfType<MailboxReader>().Single().StopAsync(CancellationToken.None);
            await server.QueryAsync(db => db.Set<AttachmentRecord>().Where(a => a.Id == ids[0]).ExecuteDeleteAsync());
            await server.QueryAsync(db => db.Set<MailboxStateRecord>().ExecuteUpdateAsync(s => s.SetProperty(m => m.LastUid, 0)));
            settings["ConnectionStrings:Postgres"] = server.Services.GetRequiredService<IConfiguration>().GetConnectionString("Postgres");
        }

        var restarted = await ChatServer.StartAsync(backend, settings);
        await using (restarted)
        {
            await restarted.WaitForReadAsync(1);

            var stored = Assert.Single(await restarted.EmailMessagesAsync());
            Assert.Equal(ids, stored.Attachments!.Select(a => a.Id));
            Assert.Equal(ids.Order(), await restarted.QueryAsync(db => db.Set<AttachmentRecord>().Select(a => a.Id).OrderBy(a => a).ToListAsync()));
            Assert.Equal(ids.Select(id => id.ToString("N")).Order(), Directory.GetFiles(FolderOf(restarted)).Select(Path.GetFileName).Order());
            Assert.Equal(Pdf, await File.ReadAllBytesAsync(Path.Combine(FolderOf(restarted), ids[0].ToString("N"))));
        }

        data.Delete(recursive: true);
    }

    /// <summary>A new mailbox and a server reading it with the test's size limit and the admin key (for API keys); a restarted server needs the first one's <paramref name="dataDirectory"/>.</summary>
    private async Task<(MailServer Mail, TestMailbox Box, ChatServer Server, Dictionary<string, string?> Settings)> StartAsync(string? dataDirectory = null)
    {
        var mail = await MailServer.Shared;
        var box = await mail.CreateMailboxAsync("info");
        var settings = EmailKit.Settings(mail, box);
        if (dataDirectory is not null)
        {
            settings["Chat:Storage:DataDirectory"] = dataDirectory;
        }

        settings["Chat:Attachments:MaxBytes"] = MaxBytes.ToString(CultureInfo.InvariantCulture);
        settings["Chat:Admin:ApiKey"] = HandoffSettings.AdminKey;
        return (mail, box, await ChatServer.StartAsync(backend, settings), settings);
    }

    private static string FolderOf(ChatServer server)
    {
        using var scope = server.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<AttachmentStore>().Folder;
    }

    private static MimeMessage WithFiles(TestMailbox box, string subject, string text, params (string Name, byte[] Content, string Type)[] files)
    {
        var message = EmailKit.Mail("Анна Ромашкина", EmailKit.RomashkaAddress, box, subject, text);
        var body = new BodyBuilder { TextBody = text };
        foreach (var (name, content, type) in files)
        {
            body.Attachments.Add(name, content, ContentType.Parse(type));
        }

        message.Body = body.ToMessageBody();
        return message;
    }

    /// <summary>A one-page PDF with its cross-reference table worked out, as a PDF reader opens it.</summary>
    private static byte[] TinyPdf()
    {
        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 72 72] >>",
        ];
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        foreach (var (text, number) in objects.Select((o, i) => (o, i + 1)))
        {
            offsets.Add(pdf.Length);
            pdf.Append(CultureInfo.InvariantCulture, $"{number} 0 obj\n{text}\nendobj\n");
        }

        var table = pdf.Length;
        pdf.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }

        pdf.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{table}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }
}

[Trait("Area", "Email")]
public sealed class EmbeddedEmailAttachmentTests() : EmailAttachmentTests(Backend.Embedded);

[Trait("Area", "Email")]
public sealed class RedisPostgresEmailAttachmentTests() : EmailAttachmentTests(Backend.RedisPostgres);
