namespace Chat.Server.Agents;

/// <summary>
/// The agents' log events. Known logins are logged; passwords never are, and neither is an unknown login in full
/// (people type their password into the login field).
/// </summary>
internal static partial class AgentLog
{
    /// <summary>An unknown login for the log: its first two characters and its length.</summary>
    public static string UnknownLogin(string login) =>
        $"unknown login {(login.Length <= 2 ? "" : login[..2])}… ({login.Length} characters)";

    [LoggerMessage(Level = LogLevel.Information, Message = "Sign-in failed for {Login}")]
    public static partial void SignInFailed(ILogger logger, string login);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Staff account {Login} locked after repeated failed sign-ins")]
    public static partial void LockedOut(ILogger logger, string login);
}
