namespace Chat.Server.Agents;

/// <summary>The agents' log events. Logins are logged; passwords never are.</summary>
internal static partial class AgentLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Sign-in failed for {Login}")]
    public static partial void SignInFailed(ILogger logger, string login);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Staff account {Login} locked after repeated failed sign-ins")]
    public static partial void LockedOut(ILogger logger, string login);
}
