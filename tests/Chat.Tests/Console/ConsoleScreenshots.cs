using Chat.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Chat.Tests.Console;

/// <summary>
/// Screenshots of the console's main views, written by the browser tests to <c>tests/results/screenshots</c> (ignored by
/// git, so a run never dirties the repository); the ones in <c>docs/screenshots</c> are copied from there by hand.
/// </summary>
public static class ConsoleScreenshots
{
    public static string Folder { get; } = Repository.PathOf("tests", "results", "screenshots");

    public static async Task SaveAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Folder, $"{name}.png") });
    }
}
