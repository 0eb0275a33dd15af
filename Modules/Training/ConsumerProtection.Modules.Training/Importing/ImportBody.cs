using ConsumerProtection.Shared.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ConsumerProtection.Modules.Training.Importing;

/// <summary>An import's bytes: the raw body (CSV or .xlsx), or the one <c>file</c> part of a multipart form.</summary>
internal static class ImportBody
{
    public static async Task<byte[]> ReadAsync(HttpRequest request, long max, CancellationToken ct)
    {
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct);
            if (form.Files.Count != 1 || form.Files[0].Name != "file" || form.Keys.Count > 0)
            {
                throw new ImportRefusedException("bad-form", "Send exactly one form part named 'file' and no other fields.");
            }

            if (form.Files[0].Length > max)
            {
                throw new ImportRefusedException("too-large", $"The file is larger than {max} bytes.", 413);
            }

            using var s = new MemoryStream();
            await form.Files[0].CopyToAsync(s, ct);
            return s.ToArray();
        }

        if (request.ContentLength > max)
        {
            throw new ImportRefusedException("too-large", $"The file is larger than {max} bytes.", 413);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, n);
            if (buffer.Length > max)
            {
                throw new ImportRefusedException("too-large", $"The file is larger than {max} bytes.", 413);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>The refusal as problem+json naming the field <c>file</c>, with a stable <c>code</c>.</summary>
    public static ProblemHttpResult Refused(ImportRefusedException e) =>
        Problems.Status(
            e.Status,
            e.Status == StatusCodes.Status413PayloadTooLarge ? "The file is too large." : "The file is refused.",
            e.Message,
            new Dictionary<string, object?>
            {
                ["code"] = e.Code,
                ["errors"] = new Dictionary<string, string[]> { ["file"] = [e.Message] },
            });

    /// <summary>Row errors of a real run as a 400 naming each cell as <c>rows[line].column</c> (line as in the file).</summary>
    public static ValidationProblem RowsRejected(IReadOnlyList<RowProblem> problems)
    {
        var v = new Validation();
        foreach (var p in problems)
        {
            v.Add($"rows[{p.Line}].{p.Column}", p.Message);
        }

        return v.ToProblem();
    }
}

/// <summary>One bad cell of an import: the file's line (CSV) or row (.xlsx), the column and what is wrong.</summary>
internal sealed record RowProblem(int Line, string Column, string Message);
