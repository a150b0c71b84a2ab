using Chat.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Chat.Server.Api;

/// <summary>
/// An API key: only the SHA-256 of its secret is stored (<see cref="SecretHash"/>, hex). It acts as the staff member
/// <see cref="StaffLogin"/>, within its <see cref="Scopes"/> (separated by spaces); a revoked key stays for the record.
/// </summary>
public sealed class ApiKeyRecord
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public required string StaffLogin { get; set; }
    public required string Scopes { get; set; }
    public required string SecretHash { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }

    public IReadOnlyList<string> ScopeList => Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public ApiKeyInfo ToContract() => new(Id, Name, StaffLogin, ScopeList, CreatedAt, CreatedBy, RevokedAt);
}

/// <summary>
/// An <c>Idempotency-Key</c> a key has used, with the SHA-256 of what it was sent with (the target and the body), so a
/// replay with another request is told apart from a retry.
/// </summary>
public sealed class IdempotencyRecord
{
    public Guid ApiKeyId { get; set; }
    public required string Key { get; set; }
    public required string RequestHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class ApiKeyRecordConfiguration : IEntityTypeConfiguration<ApiKeyRecord>
{
    public void Configure(EntityTypeBuilder<ApiKeyRecord> e)
    {
        e.ToTable("ApiKeys");
        e.HasIndex(k => k.SecretHash).IsUnique();
        e.Property(k => k.Name).HasMaxLength(100);
        e.Property(k => k.StaffLogin).HasMaxLength(64);
        e.Property(k => k.Scopes).HasMaxLength(500);
        e.Property(k => k.SecretHash).HasMaxLength(64);
        e.Property(k => k.CreatedBy).HasMaxLength(64);
        e.Ignore(k => k.ScopeList);
    }
}

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> e)
    {
        e.ToTable("ApiIdempotency");
        e.HasKey(r => new { r.ApiKeyId, r.Key });
        e.Property(r => r.Key).HasMaxLength(200);
        e.Property(r => r.RequestHash).HasMaxLength(64);
        e.HasOne<ApiKeyRecord>().WithMany().HasForeignKey(r => r.ApiKeyId);
    }
}
