namespace Chat.Bench.LoadGen;

// The handoff feature's wire types as docs/protocol.md describes them (JSON names are the camelCase of
// these). They live here until the feature's Chat.Contracts types reach this branch.

/// <summary>How a client wants to be contacted.</summary>
internal enum ContactMethod
{
    Phone,
    Email,
}

internal sealed record IdentifyRequest(Guid ClientRequestId, string? AccountNameOrId, string? Phone, string? Email, ContactMethod? PreferredChannel, string? Topic);

internal sealed record HandoffReceipt(Guid HandoffId, string Status, IReadOnlyList<ContactMethod> ContactBy, string Message, bool Duplicate);

/// <summary>The card a console receives; only the fields the benchmark reads.</summary>
internal sealed record HandoffCard(Guid Id, Guid ConversationId, string Status, string? AssignedTo);

internal sealed record AccountRow(string? Id, string? Name, string? Company, string? Tariff, string? Manager, string? DedicatedManager, IReadOnlyList<string>? Phones, IReadOnlyList<string>? Emails);

internal sealed record ImportRowError(int Line, string Field, string Message);

internal sealed record ImportResult(int Rows, int Inserted, int Updated, int Unchanged, IReadOnlyList<ImportRowError> Errors);
