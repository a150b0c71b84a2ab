using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Chat.Server.Accounts;

/// <summary>
/// A client account, keyed by <see cref="IdKey"/>. <see cref="IdKey"/> and <see cref="NameKey"/> are <see cref="AccountKeys.Normalise"/>d so that a
/// visitor finds it whatever the case and spacing. Contacts on file are stored normalised (E.164 phones,
/// lower-case e-mails), separated by <c>;</c>.
/// </summary>
public sealed class ClientAccount
{
    public required string Id { get; set; }
    public required string IdKey { get; set; }
    public required string Name { get; set; }
    public required string NameKey { get; set; }
    public string? Company { get; set; }
    public required string Tariff { get; set; }
    public string? ManagerLogin { get; set; }
    public string? DedicatedManagerLogin { get; set; }
    public string Phones { get; set; } = string.Empty;
    public string Emails { get; set; } = string.Empty;
    public DateTimeOffset UpdatedAt { get; set; }

    public IEnumerable<string> PhoneList => Split(Phones);

    public IEnumerable<string> EmailList => Split(Emails);

    private static string[] Split(string joined) => joined.Split(';', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>The accounts that have a contact on file, matched whole against the <c>;</c>-separated lists.</summary>
public static class ClientAccountQueries
{
    /// <summary>The accounts with the normalised <paramref name="contact"/> among their phones (when <paramref name="phones"/>) or e-mails (when <paramref name="emails"/>).</summary>
    public static IQueryable<ClientAccount> WithContact(this IQueryable<ClientAccount> accounts, string contact, bool phones, bool emails)
    {
        var (first, middle, last) = (contact + ";", ";" + contact + ";", ";" + contact);
        return accounts.Where(a =>
            (phones && (a.Phones == contact || a.Phones.StartsWith(first) || a.Phones.Contains(middle) || a.Phones.EndsWith(last)))
            || (emails && (a.Emails == contact || a.Emails.StartsWith(first) || a.Emails.Contains(middle) || a.Emails.EndsWith(last))));
    }
}

internal sealed class ClientAccountConfiguration : IEntityTypeConfiguration<ClientAccount>
{
    public void Configure(EntityTypeBuilder<ClientAccount> e)
    {
        e.ToTable("Accounts");
        e.HasKey(a => a.IdKey);
        e.Property(a => a.Id).HasMaxLength(100);
        e.Property(a => a.IdKey).HasMaxLength(100);
        e.Property(a => a.Name).HasMaxLength(200);
        e.Property(a => a.NameKey).HasMaxLength(200);
        e.HasIndex(a => a.NameKey);
        e.Property(a => a.Company).HasMaxLength(200);
        e.Property(a => a.Tariff).HasMaxLength(32);
        e.Property(a => a.ManagerLogin).HasMaxLength(64);
        e.Property(a => a.DedicatedManagerLogin).HasMaxLength(64);
        e.Property(a => a.Phones).HasMaxLength(1000);
        e.Property(a => a.Emails).HasMaxLength(1000);
        e.Ignore(a => a.PhoneList);
        e.Ignore(a => a.EmailList);
    }
}
