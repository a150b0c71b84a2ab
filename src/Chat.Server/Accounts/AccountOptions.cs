using System.ComponentModel.DataAnnotations;

namespace Chat.Server.Accounts;

/// <summary>Settings of <c>Chat:Accounts</c>.</summary>
public sealed class AccountOptions
{
    public const string Section = "Chat:Accounts";

    /// <summary>The region a phone without a country code belongs to (ISO 3166 code, <c>RU</c>).</summary>
    [Required, RegularExpression("^[A-Z]{2}$")]
    public string DefaultPhoneRegion { get; set; } = "RU";

    /// <summary>How many rows one import request may hold.</summary>
    [Range(1, 1_000_000)]
    public int MaxImportRows { get; set; } = 100_000;

    /// <summary>How many rows are written per database round trip during an import.</summary>
    [Range(1, 10_000)]
    public int ImportBatchSize { get; set; } = 1000;
}

/// <summary>Settings of <c>Chat:Admin</c>.</summary>
public sealed class AdminOptions
{
    public const string Section = "Chat:Admin";

    /// <summary>
    /// The key a caller of the admin API sends in the <c>X-Admin-Key</c> header. Empty turns key access off;
    /// signed-in staff with the Admin or Supervisor role may call it either way.
    /// </summary>
    [MaxLength(200)]
    public string ApiKey { get; set; } = string.Empty;
}
