using Chat.Contracts;
using Chat.Server.Pipeline;
using Chat.Server.Storage;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Chat.Server.Api;

/// <summary>An administrator makes a key that acts as an active staff member within its scopes; the secret is answered once.</summary>
public sealed record CreateApiKey(string? Name, string? StaffLogin, IReadOnlyList<string>? Scopes, string CreatedBy) : ICommand<CreatedApiKey>;

/// <summary>An administrator revokes a key: from then on it answers <c>401 invalid_api_key</c>.</summary>
public sealed record RevokeApiKey(Guid Id) : ICommand<ApiKeyInfo>;

/// <summary>Every key, newest first, revoked ones included; never a secret.</summary>
public sealed record ListApiKeys : IQuery<IReadOnlyList<ApiKeyInfo>>;

public sealed class CreateApiKeyValidator : AbstractValidator<CreateApiKey>
{
    public CreateApiKeyValidator()
    {
        RuleFor(c => c.Name).Must(n => !string.IsNullOrWhiteSpace(n) && n.Trim().Length <= 100).WithErrorCode(ErrorCodes.InvalidArgument)
            .WithMessage("name is required, up to 100 characters.").PlainText();
        RuleFor(c => c.StaffLogin).NotEmpty().WithErrorCode(ErrorCodes.InvalidArgument).WithMessage("staffLogin names the staff member the key acts as.");
        RuleFor(c => c.Scopes).Must(s => s is { Count: > 0 } && s.All(ApiScopes.All.Contains)).WithErrorCode(ErrorCodes.InvalidArgument)
            .WithMessage($"scopes are one or more of: {string.Join(", ", ApiScopes.All)}.");
    }
}

public sealed class ApiKeyHandlers(ChatDbContext db, TimeProvider clock)
    : ICommandHandler<CreateApiKey, CreatedApiKey>, ICommandHandler<RevokeApiKey, ApiKeyInfo>, IQueryHandler<ListApiKeys, IReadOnlyList<ApiKeyInfo>>
{
    public async ValueTask<CreatedApiKey> Handle(CreateApiKey command, CancellationToken cancellationToken)
    {
        var login = command.StaffLogin!.Trim().ToLowerInvariant();
        if (!await db.Staff.AnyAsync(s => s.Login == login && s.IsActive, cancellationToken))
        {
            throw new ChatException(ErrorCodes.StaffNotFound, "No active staff member has this login.",
                [new FieldError("staffLogin", ErrorCodes.StaffNotFound, "No active staff member has this login.")]);
        }

        var secret = ApiKeySecrets.NewSecret();
        var now = clock.GetUtcNow();
        var key = new ApiKeyRecord
        {
            Id = Guid.CreateVersion7(now),
            Name = command.Name!.Trim(),
            StaffLogin = login,
            Scopes = string.Join(' ', command.Scopes!.Distinct(StringComparer.Ordinal)),
            SecretHash = ApiKeySecrets.Hash(secret),
            CreatedBy = command.CreatedBy,
            CreatedAt = now,
        };
        db.Add(key);
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedApiKey(key.ToContract(), secret);
    }

    public async ValueTask<ApiKeyInfo> Handle(RevokeApiKey command, CancellationToken cancellationToken)
    {
        var key = await db.Set<ApiKeyRecord>().SingleOrDefaultAsync(k => k.Id == command.Id, cancellationToken)
            ?? throw new ChatException(ErrorCodes.ApiKeyNotFound, "No API key has this id.");
        key.RevokedAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return key.ToContract();
    }

    public async ValueTask<IReadOnlyList<ApiKeyInfo>> Handle(ListApiKeys query, CancellationToken cancellationToken)
    {
        var keys = await db.Set<ApiKeyRecord>().AsNoTracking().OrderByDescending(k => k.CreatedAt).ToListAsync(cancellationToken);
        return keys.ConvertAll(k => k.ToContract());
    }
}
