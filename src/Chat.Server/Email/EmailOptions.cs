using System.Net.Mail;
using System.Text.RegularExpressions;
using MailKit.Security;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace Chat.Server.Email;

/// <summary>Settings of <c>Chat:Email</c>: the mailboxes whose incoming mail becomes conversations and whose answers go out by SMTP. No mailboxes = off.</summary>
public sealed class EmailOptions
{
    public const string Section = "Chat:Email";

    public List<MailboxOptions> Mailboxes { get; set; } = [];

    /// <summary>
    /// The first wait before a mailbox's reader connects again after a failure, or its sender tries an answer again; it
    /// doubles, with jitter, up to <see cref="MaxReconnectDelay"/>.
    /// </summary>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Tries again, without end, what fails with an exception <paramref name="handles"/> accepts: after
    /// <see cref="ReconnectDelay"/>, doubling with jitter up to <see cref="MaxReconnectDelay"/>. Each execution counts
    /// its own failures, so the waits start from the first one again for the next.
    /// </summary>
    public ResiliencePipeline Backoff(Func<Exception, bool> handles, Func<OnRetryArguments<object>, ValueTask>? onRetry = null) =>
        new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle(handles),
            MaxRetryAttempts = int.MaxValue,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = ReconnectDelay,
            MaxDelay = MaxReconnectDelay,
            OnRetry = onRetry,
        }).Build();
}

/// <summary>One mailbox: the shared one (no <see cref="StaffLogin"/>) or a staff member's own.</summary>
public sealed class MailboxOptions
{
    /// <summary>The default largest mail read, in bytes (RFC822.SIZE); a larger one is kept aside unread.</summary>
    public const int DefaultMaxMessageBytes = 10 * 1024 * 1024;

    /// <summary>A short name that stays with the mailbox (stored with its messages and logged); letters, digits and dashes.</summary>
    public string Key { get; set; } = string.Empty;

    /// <summary>The mailbox's address, as clients write to it.</summary>
    public string Address { get; set; } = string.Empty;

    /// <summary>The staff member whose personal mailbox it is; null for the shared box, whose mail the policy routes.</summary>
    public string? StaffLogin { get; set; }

    public ImapOptions Imap { get; set; } = new();

    /// <summary>How the mailbox's answers are sent.</summary>
    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>
    /// How often the mailbox is looked at when the server cannot push new mail (no IMAP IDLE), and how long one IDLE lasts
    /// at most; also how often its sender looks for answers nobody woke it for.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(1);

    public int MaxMessageBytes { get; set; } = DefaultMaxMessageBytes;

    /// <summary>The owner's login; an empty setting counts as none.</summary>
    public string? Owner => string.IsNullOrWhiteSpace(StaffLogin) ? null : StaffLogin.Trim();

    public bool Shared => Owner is null;

    /// <summary>The domain of <see cref="Address"/>, which the Message-IDs of its answers carry.</summary>
    public string Domain => Address[(Address.IndexOf('@', StringComparison.Ordinal) + 1)..];
}

/// <summary>How the mailbox is reached over IMAP.</summary>
public sealed class ImapOptions
{
    public string Host { get; set; } = string.Empty;

    public int Port { get; set; } = 993;

    /// <summary>MailKit's socket options: <c>SslOnConnect</c> (port 993), <c>StartTls</c>, <c>Auto</c>, or <c>None</c> (a trial server only).</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.SslOnConnect;

    public string User { get; set; } = string.Empty;

    public string Password { get; set; } = string.Empty;
}

/// <summary>How the mailbox's answers are sent over SMTP; without <see cref="User"/> the server is not logged in to.</summary>
public sealed class SmtpOptions
{
    public string Host { get; set; } = string.Empty;

    public int Port { get; set; } = 587;

    /// <summary>MailKit's socket options: <c>StartTls</c> (port 587), <c>SslOnConnect</c> (port 465), <c>Auto</c>, or <c>None</c> (a trial server only).</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.StartTls;

    public string? User { get; set; }

    public string? Password { get; set; }

    /// <summary>How long one step of the conversation with the SMTP server may take before the try counts as failed.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>Stops the server at start with one message per bad mailbox setting.</summary>
public sealed partial class EmailOptionsValidator : IValidateOptions<EmailOptions>
{
    public ValidateOptionsResult Validate(string? name, EmailOptions options)
    {
        var failures = new List<string>();
        if (options.ReconnectDelay < TimeSpan.FromMilliseconds(10) || options.ReconnectDelay > TimeSpan.FromMinutes(1))
        {
            failures.Add($"{EmailOptions.Section}:{nameof(options.ReconnectDelay)} must be between 00:00:00.010 and 00:01:00.");
        }

        if (options.MaxReconnectDelay < options.ReconnectDelay || options.MaxReconnectDelay > TimeSpan.FromHours(1))
        {
            failures.Add($"{EmailOptions.Section}:{nameof(options.MaxReconnectDelay)} must be at least {nameof(options.ReconnectDelay)} and at most 01:00:00.");
        }

        for (var i = 0; i < options.Mailboxes.Count; i++)
        {
            Check(options.Mailboxes[i], $"{EmailOptions.Section}:{nameof(options.Mailboxes)}:{i}", failures);
        }

        foreach (var key in options.Mailboxes.GroupBy(m => m.Key, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            failures.Add($"{EmailOptions.Section}:{nameof(options.Mailboxes)}: the key \"{key}\" is given to more than one mailbox.");
        }

        foreach (var address in options.Mailboxes.GroupBy(m => m.Address, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            failures.Add($"{EmailOptions.Section}:{nameof(options.Mailboxes)}: the address {address} is given to more than one mailbox.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(MailboxOptions box, string at, List<string> failures)
    {
        if (!KeyPattern().IsMatch(box.Key))
        {
            failures.Add($"{at}:{nameof(box.Key)} is required: 1 to 32 lower-case letters, digits or dashes.");
        }

        if (!MailAddress.TryCreate(box.Address, out var address) || address.Address != box.Address)
        {
            failures.Add($"{at}:{nameof(box.Address)} must be an e-mail address (info@example.com).");
        }

        if (box.Owner is { } login && (login.Length > 64 || login.Any(char.IsWhiteSpace)))
        {
            failures.Add($"{at}:{nameof(box.StaffLogin)} must be a staff login, or left out for the shared box.");
        }

        CheckServer(box.Imap.Host, box.Imap.Port, box.Imap.Security, $"{at}:Imap", failures);

        if (string.IsNullOrWhiteSpace(box.Imap.User))
        {
            failures.Add($"{at}:Imap:{nameof(box.Imap.User)} is required.");
        }

        if (string.IsNullOrEmpty(box.Imap.Password))
        {
            failures.Add($"{at}:Imap:{nameof(box.Imap.Password)} is required.");
        }

        CheckServer(box.Smtp.Host, box.Smtp.Port, box.Smtp.Security, $"{at}:Smtp", failures);

        if (!string.IsNullOrWhiteSpace(box.Smtp.User) && string.IsNullOrEmpty(box.Smtp.Password))
        {
            failures.Add($"{at}:Smtp:{nameof(box.Smtp.Password)} is required with a {nameof(box.Smtp.User)}.");
        }

        if (box.Smtp.Timeout < TimeSpan.FromSeconds(1) || box.Smtp.Timeout > TimeSpan.FromMinutes(10))
        {
            failures.Add($"{at}:Smtp:{nameof(box.Smtp.Timeout)} must be between 00:00:01 and 00:10:00.");
        }

        if (box.PollInterval < TimeSpan.FromSeconds(1) || box.PollInterval > TimeSpan.FromHours(1))
        {
            failures.Add($"{at}:{nameof(box.PollInterval)} must be between 00:00:01 and 01:00:00.");
        }

        if (box.MaxMessageBytes is < 1024 or > 100 * 1024 * 1024)
        {
            failures.Add($"{at}:{nameof(box.MaxMessageBytes)} must be between 1024 and 104857600 bytes.");
        }
    }

    /// <summary>The checks an IMAP and an SMTP server share: a host, a port, and socket options MailKit knows.</summary>
    private static void CheckServer(string host, int port, SecureSocketOptions security, string at, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(host))
        {
            failures.Add($"{at}:Host is required.");
        }

        if (port is < 1 or > 65535)
        {
            failures.Add($"{at}:Port must be between 1 and 65535.");
        }

        if (!Enum.IsDefined(security))
        {
            failures.Add($"{at}:Security must be SslOnConnect, StartTls, Auto or None.");
        }
    }

    [GeneratedRegex("^[a-z0-9-]{1,32}$")]
    private static partial Regex KeyPattern();
}
