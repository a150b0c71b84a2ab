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

    /// <summary>
    /// Stores the file and then its record, or answers the record stored before under the same id: a file whose id is
    /// derived from where it came from (a mail read again after a crash) is kept once.
    /// </summary>
    public async Task<AttachmentRecord> SaveAsync(AttachmentRecord record, byte[] content, CancellationToken cancellationToken)
    {
        if (await FindAsync(record.Id, cancellationToken) is { } stored)
        {
            return stored;
        }

        Directory.CreateDirectory(Folder);
        await File.WriteAllBytesAsync(PathOf(record.Id), content, cancellationToken);
        Db.Add(record);
        await Db.SaveChangesAsync(cancellationToken);
        return record;
    }

    /// <summary>
    /// The references of stored files, in the order asked; <c>attachment_not_found</c> when one is unknown, or, for
    /// <paramref name="conversationId"/>, when one is not a file that conversation's client sent.
    /// </summary>
    public async Task<IReadOnlyList<AttachmentRef>> ReferencesAsync(IReadOnlyList<Guid> ids, Guid? conversationId, CancellationToken cancellationToken)
    {
        var found = await Db.Set<AttachmentRecord>().AsNoTracking().Where(a => ids.Contains(a.Id) && (conversationId == null || a.ConversationId == conversationId))
            .ToDictionaryAsync(a => a.Id, cancellationToken);
        return [.. ids.Distinct().Select(id => found.TryGetValue(id, out var record)
            ? record.ToReference()
            : throw new ChatException(ErrorCodes.AttachmentNotFound, "No such attachment; upload it first."))];
    }
}
