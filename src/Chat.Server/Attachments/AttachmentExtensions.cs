using Chat.Contracts;
using Chat.Server.Api;
using Chat.Server.Pipeline;
using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Chat.Server.Attachments;

public static class AttachmentExtensions
{
    public const string UploadPath = "/api/agent/attachments";

    /// <summary>The attachment settings and store.</summary>
    public static IServiceCollection AddAttachments(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AttachmentOptions>().Bind(configuration.GetSection(AttachmentOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<AttachmentStore>();
        return services;
    }

    /// <summary>The agents' upload and the serving of a stored file by its id.</summary>
    public static IEndpointRouteBuilder MapAttachments(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(UploadPath, UploadAsync)
            .RequireAuthorization(p => p.AddAuthenticationSchemes(CookieAuthenticationDefaults.AuthenticationScheme).RequireAuthenticatedUser())
            .DisableAntiforgery();
        endpoints.MapGet("/attachments/{id:guid}", ServeAsync);
        return endpoints;
    }

    private static async Task<IResult> UploadAsync(HttpContext context, IMediator mediator, IOptions<AttachmentOptions> options, CancellationToken cancellationToken)
    {
        if (!context.Request.HasFormContentType)
        {
            throw new ChatException(ErrorCodes.InvalidArgument, "Send the file as multipart/form-data, field \"file\".");
        }

        var form = await context.Request.ReadFormAsync(cancellationToken);
        var file = form.Files.GetFile("file") ?? throw new ChatException(ErrorCodes.InvalidArgument, "Send the file in the field \"file\".");
        if (file.Length > options.Value.MaxBytes)
        {
            throw new ChatException(ErrorCodes.AttachmentTooLarge, $"The file is larger than {options.Value.MaxBytes} bytes.");
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, cancellationToken);
        var reference = await mediator.Send(new UploadAttachment(Caller.From(context.User), file.FileName, buffer.ToArray()), cancellationToken);
        return Results.Ok(reference);
    }

    /// <summary>
    /// Serves a file under its checked type only, with <c>nosniff</c>, a sandboxing CSP and a download name, so no
    /// browser ever runs it as a page. An agent's upload has a random 128-bit id, a capability: visitors' image tags
    /// carry no token. A file a client's mail brought has an id derived from the mail, which others may know or guess:
    /// it is served to staff only (<see cref="IsStaffAsync"/>), and is as unknown as a wrong id to anyone else.
    /// </summary>
    private static async Task<IResult> ServeAsync(Guid id, HttpContext context, AttachmentStore store, IAuthorizationService authorization, CancellationToken cancellationToken)
    {
        var record = await store.FindAsync(id, cancellationToken);
        if (record is null || !File.Exists(store.PathOf(id)) || (record.StaffOnly && !await IsStaffAsync(context, authorization)))
        {
            return Results.NotFound();
        }

        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        headers.CacheControl = "private, max-age=86400";
        var disposition = new ContentDispositionHeaderValue(record.ContentType == "application/pdf" ? "attachment" : "inline");
        disposition.SetHttpFileName(record.FileName);
        headers.ContentDisposition = disposition.ToString();
        return Results.Stream(File.OpenRead(store.PathOf(id)), record.ContentType);
    }

    /// <summary>
    /// A signed-in console, or an API key that may read the conversations' messages (the scope policy of
    /// <see cref="ApiScopes.ConversationsRead"/>), whose messages link to these files.
    /// </summary>
    private static async Task<bool> IsStaffAsync(HttpContext context, IAuthorizationService authorization)
    {
        if ((await context.AuthenticateAsync(CookieAuthenticationDefaults.AuthenticationScheme)).Succeeded)
        {
            return true;
        }

        var key = await context.AuthenticateAsync(ApiKeyAuthenticationHandler.SchemeName);
        return key.Succeeded && (await authorization.AuthorizeAsync(key.Principal, ApiExtensions.ScopePolicy(ApiScopes.ConversationsRead))).Succeeded;
    }
}
