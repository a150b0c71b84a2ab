using System.Text.Json;
using Chat.Contracts;
using Chat.Server.Pipeline;
using CsvHelper;

namespace Chat.Server.Accounts;

/// <summary>A row of an import file and where it was: the CSV line, or the position in the JSON array.</summary>
public sealed record NumberedRow<T>(int Line, T Row);

/// <summary>Reads import files: a JSON array of rows, or CSV with a header line (columns by name, any order).</summary>
public static class ImportRows
{
    /// <summary>Rows of a JSON array, numbered from 1.</summary>
    public static async Task<IReadOnlyList<NumberedRow<T>>> ReadJsonAsync<T>(Stream body, JsonSerializerOptions json, CancellationToken cancellationToken)
    {
        try
        {
            var rows = await JsonSerializer.DeserializeAsync<List<T?>>(body, json, cancellationToken)
                ?? throw new ChatException(ErrorCodes.InvalidArgument, "The body must be a JSON array of rows.");
            return [.. rows.Select((row, i) => new NumberedRow<T>(i + 1, row!))];
        }
        catch (JsonException e)
        {
            throw new ChatException(ErrorCodes.InvalidArgument, $"The body is not a JSON array of rows (line {e.LineNumber + 1}).");
        }
    }

    /// <summary>Rows of a CSV file, numbered by the line they start on (the header is line 1).</summary>
    public static async Task<IReadOnlyList<NumberedRow<T>>> ReadCsvAsync<T>(Stream body, Func<Func<string, string?>, T> map, CancellationToken cancellationToken)
    {
        var rows = new List<NumberedRow<T>>();
        await using var reader = CsvReader.Create(body, new CsvReaderOptions { TrackLineNumbers = true }, leaveOpen: true);
        try
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(new NumberedRow<T>((int)reader.LineNumber, map(column =>
                    reader.TryGetFieldIndex(column, out var index) && index < reader.FieldCount ? reader.GetStringOrNull(index) : null)));
            }
        }
        catch (CsvFormatException e)
        {
            throw new ChatException(ErrorCodes.InvalidArgument, $"The CSV file is malformed: {e.Message}");
        }

        return rows;
    }

    /// <summary>A CSV cell holding several values separated by <c>;</c>.</summary>
    public static IReadOnlyList<string>? List(string? cell) =>
        cell is null ? null : cell.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>True when the one-line text holds a character <see cref="TextRules"/> refuses, a line break or markup (<c>&lt;</c>, <c>&gt;</c>).</summary>
    public static bool HasControlOrMarkup(string? text) =>
        TextRules.HasInvisibleControls(text, multiLine: false) || (text is not null && text.Any(ch => ch is '<' or '>'));
}
