namespace Chat.Contracts;

/// <summary>Where the hubs and the HTTP endpoints that clients call live.</summary>
public static class HubPaths
{
    public const string Visitor = "/hubs/visitor";
    public const string Agent = "/hubs/agent";
    public const string VisitorSessions = "/api/visitor/sessions";
    public const string AgentSignIn = "/api/agent/sign-in";
    public const string AgentSignOut = "/api/agent/sign-out";
    public const string AgentMe = "/api/agent/me";
    public const string AdminAccounts = "/api/admin/accounts";
    public const string AdminStaff = "/api/admin/staff";
    public const string AdminKeyHeader = "X-Admin-Key";
    public const string AdminApiKeys = "/api/admin/api-keys";
    public const string AdminWebhooks = "/api/admin/webhooks";
    public const string Api = "/api/v1";
    public const string IdempotencyKeyHeader = "Idempotency-Key";
}
