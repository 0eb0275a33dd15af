using System.Globalization;

namespace ConsumerProtection.Host.Cli;

/// <summary>
/// Progress of a long verb: on a terminal one bar redrawn in place; when redirected (a log file, CI, a test) one plain
/// line per step, because carriage returns make unreadable logs.
/// </summary>
internal sealed class ConsoleProgress(string verb, TextWriter output, bool interactive)
{
    private const int Width = 30;

    public void Report(int done, int total, string item)
    {
        if (!interactive)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{verb}: {done}/{total} {item}"));
            return;
        }

        var filled = total == 0 ? Width : done * Width / total;
        var line = string.Create(CultureInfo.InvariantCulture, $"\r{verb} [{new string('#', filled)}{new string('.', Width - filled)}] {done}/{total} {item}");
        output.Write(line.PadRight(Console.WindowWidth > 0 ? Math.Min(Console.WindowWidth - 1, 120) : 80));
        if (done == total)
        {
            output.WriteLine();
        }
    }
}
