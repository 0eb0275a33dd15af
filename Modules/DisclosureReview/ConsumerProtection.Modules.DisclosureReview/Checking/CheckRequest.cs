using System.Text.Json;
using ConsumerProtection.Modules.DisclosureReview.Documents;
using ConsumerProtection.Shared.Http;
using Microsoft.AspNetCore.Http;

namespace ConsumerProtection.Modules.DisclosureReview.Checking;

/// <summary>A draft to check as JSON text. Enumerations are exact names.</summary>
internal sealed record CheckTextRequest(string? Text, string? ProductType, bool? PrincipalProtected, string? RiskGrade, string? DocumentType);

/// <summary>The answer: the rule-set version used, what was read, and the findings in document order.</summary>
internal sealed record CheckResponse(
    int RuleSetVersion, SourceFormat Format, int Characters, int Paragraphs, FindingCounts Counts, IReadOnlyList<Finding> Findings);

internal sealed record FindingCounts(int Blocker, int Major, int Minor);

/// <summary>Reads POST /check bodies: JSON text or a multipart file with the subject as form fields, strictly.</summary>
internal static class CheckRequestReader
{
    private static readonly string[] FormFields = ["file", "productType", "principalProtected", "riskGrade", "documentType"];

    public sealed record Parsed(CheckSubject? Subject, ExtractedDocument? Document, Validation Errors);

    public static async Task<Parsed> ReadAsync(HttpRequest request, DocumentReader reader, CancellationToken ct)
    {
        var v = new Validation();
        if (request.HasFormContentType)
        {
            return await ReadFormAsync(request, reader, v, ct);
        }

        if (request.ContentType is null || !request.ContentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            v.Add("body", "must be application/json (text) or multipart/form-data (file).");
            return new Parsed(null, null, v);
        }

        CheckTextRequest? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<CheckTextRequest>(request.Body, JsonDefaults.Options, ct);
        }
        catch (JsonException e)
        {
            v.Add(Field(e.Path), "is not valid here: " + e.Message);
            return new Parsed(null, null, v);
        }

        if (body is null)
        {
            v.Add("body", "is required.");
            return new Parsed(null, null, v);
        }

        v.Check(!Blank.IsBlank(body.Text), "text", "is required: visible text, not only spaces or zero-width characters.");
        v.Check(body.Text is null || !body.Text.Any(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r')), "text", "must not hold control characters.");
        var subject = Subject(v, body.ProductType, body.PrincipalProtected, body.RiskGrade, body.DocumentType);
        return new Parsed(subject, v.IsValid ? reader.FromText(body.Text!) : null, v);
    }

    private static async Task<Parsed> ReadFormAsync(HttpRequest request, DocumentReader reader, Validation v, CancellationToken ct)
    {
        if (await FormReader.ReadAsync(request, v, ct) is not { } form)
        {
            return new Parsed(null, null, v);
        }

        foreach (var key in form.Keys.Concat(form.Files.Select(f => f.Name)).Distinct().Where(k => !FormFields.Contains(k, StringComparer.Ordinal)))
        {
            v.Add(key, "is not a field of this request.");
        }

        bool? principal = form["principalProtected"].ToString() switch
        {
            "true" => true,
            "false" => false,
            "" => null,
            _ => Invalid(v),
        };
        var subject = Subject(v, Single(form, "productType"), principal, Single(form, "riskGrade"), Single(form, "documentType"));
        var files = form.Files.GetFiles("file");
        v.Check(files.Count == 1, "file", "must be exactly one file.");
        if (!v.IsValid)
        {
            return new Parsed(null, null, v);
        }

        using var buffer = new MemoryStream();
        await files[0].CopyToAsync(buffer, ct);
        return new Parsed(subject, reader.Read(buffer.ToArray()), v);
    }

    private static bool? Invalid(Validation v)
    {
        v.Add("principalProtected", "must be true or false.");
        return null;
    }

    private static string? Single(IFormCollection form, string key) => form[key].Count > 1 ? "\0" : form[key].ToString() is { Length: > 0 } s ? s : null;

    private static CheckSubject? Subject(Validation v, string? productType, bool? principalProtected, string? riskGrade, string? documentType)
    {
        var p = Enum<ProductType>(v, "productType", productType);
        var r = Enum<RiskGrade>(v, "riskGrade", riskGrade);
        var d = Enum<DocumentType>(v, "documentType", documentType);
        v.Check(principalProtected is not null, "principalProtected", "is required (true or false).");
        return p is { } pv && r is { } rv && d is { } dv && principalProtected is { } pp ? new CheckSubject(pv, pp, rv, dv) : null;
    }

    private static T? Enum<T>(Validation v, string field, string? value) where T : struct, Enum
    {
        if (value is null)
        {
            v.Add(field, "is required.");
            return null;
        }

        if (StrictEnum.TryParse<T>(value, out var result))
        {
            return result;
        }

        v.Add(field, $"must be exactly one of {string.Join(", ", StrictEnum.Names(typeof(T)))}.");
        return null;
    }

    // "$.productType" -> "productType"; the body itself -> "body".
    private static string Field(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "body" : path.TrimStart('$', '.');
}
