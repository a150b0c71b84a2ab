using System.Text;
using Microsoft.Extensions.Options;

namespace Chat.Server.Visitors;

/// <summary>
/// Settings of <c>Chat:HostIdentity</c>: the company's site vouches for its logged-in client with a compact JWT
/// signed HS256 with <see cref="SigningKey"/>. An empty key switches the feature off.
/// </summary>
public sealed class HostIdentityOptions
{
    public const string Section = "Chat:HostIdentity";

    /// <summary>The secret shared with the host site (its UTF-8 bytes are the HMAC key; at least 32 bytes); empty = off.</summary>
    public string SigningKey { get; set; } = string.Empty;

    /// <summary>The <c>iss</c> the host site puts in its tokens.</summary>
    public string Issuer { get; set; } = string.Empty;

    /// <summary>The <c>aud</c> the host site puts in its tokens (this chat).</summary>
    public string Audience { get; set; } = string.Empty;

    /// <summary>How far the host site's clock may be off from ours.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest lifetime (<c>exp</c> − <c>iat</c>, or <c>exp</c> − now) a token may have: they are meant to be short-lived.</summary>
    public TimeSpan MaxLifetime { get; set; } = TimeSpan.FromHours(1);

    public bool Enabled => SigningKey.Length > 0;
}

/// <summary>Stops the server at start when the host identity is half-configured or its key too short.</summary>
public sealed class HostIdentityOptionsValidator : IValidateOptions<HostIdentityOptions>
{
    public const int MinKeyBytes = 32;

    public ValidateOptionsResult Validate(string? name, HostIdentityOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        if (Encoding.UTF8.GetByteCount(options.SigningKey) < MinKeyBytes)
        {
            failures.Add($"{HostIdentityOptions.Section}:{nameof(options.SigningKey)} must be at least {MinKeyBytes} bytes (HMAC-SHA256).");
        }

        if (string.IsNullOrWhiteSpace(options.Issuer))
        {
            failures.Add($"{HostIdentityOptions.Section}:{nameof(options.Issuer)} is required when the signing key is set.");
        }

        if (string.IsNullOrWhiteSpace(options.Audience))
        {
            failures.Add($"{HostIdentityOptions.Section}:{nameof(options.Audience)} is required when the signing key is set.");
        }

        if (options.ClockSkew < TimeSpan.Zero || options.ClockSkew > TimeSpan.FromMinutes(5))
        {
            failures.Add($"{HostIdentityOptions.Section}:{nameof(options.ClockSkew)} must be between 00:00:00 and 00:05:00.");
        }

        if (options.MaxLifetime < TimeSpan.FromMinutes(1) || options.MaxLifetime > TimeSpan.FromDays(1))
        {
            failures.Add($"{HostIdentityOptions.Section}:{nameof(options.MaxLifetime)} must be between 00:01:00 and 1.00:00:00.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
