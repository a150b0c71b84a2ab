namespace Chat.Server.Demo;

/// <summary>Settings of <c>Chat:Demo</c>.</summary>
public sealed class DemoOptions
{
    public const string Section = "Chat:Demo";

    /// <summary>Seed the demo staff and the demo client accounts on start-up when they are missing.</summary>
    public bool Seed { get; set; }

    /// <summary>The password of every demo staff account.</summary>
    public string Password { get; set; } = "demo";

    /// <summary>
    /// Try live chat at any hour: the office counts as open every day at every hour and every active staff member as on
    /// shift. Refused in Production, where the regulation's hours always hold.
    /// </summary>
    public bool AlwaysOpen { get; set; }
}
