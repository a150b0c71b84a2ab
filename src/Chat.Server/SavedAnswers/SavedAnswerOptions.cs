namespace Chat.Server.SavedAnswers;

/// <summary>Settings of <c>Chat:SavedAnswers</c>: the ready answers the console offers after <c>/</c>.</summary>
public sealed class SavedAnswerOptions
{
    public const string Section = "Chat:SavedAnswers";

    public List<SavedAnswerSetting> Items { get; set; } = [];
}

/// <summary>One ready answer: a shortcut, its title and text in Russian and English, and its help-centre or video links.</summary>
public sealed class SavedAnswerSetting
{
    public string Id { get; set; } = string.Empty;
    public string Shortcut { get; set; } = string.Empty;
    public Dictionary<string, string> Title { get; set; } = [];
    public Dictionary<string, string> Text { get; set; } = [];
    public List<SavedAnswerLink> Links { get; set; } = [];
}

public sealed class SavedAnswerLink
{
    public Dictionary<string, string> Title { get; set; } = [];
    public string Url { get; set; } = string.Empty;
}
