using Chat.Contracts;
using Chat.Server.Pipeline;
using Chat.Server.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Chat.Server.Attachments;

/// <summary>Keeps attachment bytes in the data directory (one file per id) and their details in the database.</summary>
public sealed class AttachmentStore(IServiceProvider services, IConfiguration configuration, IWebHostEnvironment environment, IOptions<AttachmentOptions> options)
{
    /// <summary>The scope's context, taken only when a file is read or written: most sends carry none.</summary>
    private ChatDbContext Db => services.GetRequiredService<ChatDbContext>();

    public string Folder
    {
        get
        {
            var data = Path.GetFullPath(configuration["Chat:Storage:DataDirectory"] ?? "data", environment.ContentRootPath);
            return Path.Combine(data, options.Value.Folder);
        }
    }

    public string PathOf(Guid id) => Path.Combine(Folder, id.ToString("N"));

    public async Task<AttachmentRecord?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        await Db.Set<AttachmentRecord>().AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken);

    public async Task<AttachmentRecord> SaveAsync(AttachmentRecord record, byte[] content, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Folder);
        await File.WriteAllBytesAsync(PathOf(record.Id), content, cancellationToken);
        Db.Add(record);
        await Db.SaveChangesAsync(cancellationToken);
        return record;
    }

    /// <summary>The references of uploaded files, in the order asked; <c>attachment_not_found</c> when one is unknown.</summary>
    public async Task<IReadOnlyList<AttachmentRef>> ReferencesAsync(IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
    {
        var found = await Db.Set<AttachmentRecord>().AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, cancellationToken);
        return [.. ids.Distinct().Select(id => found.TryGetValue(id, out var record)
            ? record.ToReference()
            : throw new ChatException(ErrorCodes.AttachmentNotFound, "No such attachment; upload it first."))];
    }
}
