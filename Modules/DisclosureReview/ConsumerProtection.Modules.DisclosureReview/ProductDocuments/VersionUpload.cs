using System.Text;
using System.Text.Json;
using ConsumerProtection.Modules.DisclosureReview.Documents;
using ConsumerProtection.Shared.Http;
using Microsoft.AspNetCore.Http;

namespace ConsumerProtection.Modules.DisclosureReview.ProductDocuments;

/// <summary>A new version as JSON text; <c>fileName</c> is kept for the reader's information only (never trusted for the type).</summary>
internal sealed record VersionTextRequest(string? Text, string? FileName);

/// <summary>
/// Reads a version upload: JSON text or one multipart <c>file</c>, through the same <see cref="DocumentReader"/> as
/// <c>POST /check</c> (type sniffed from the bytes; refusals as problems). Keeps the original bytes for storage.
/// </summary>
internal static class VersionUpload
{
    public sealed record Parsed(byte[]? Original, string? FileName, ExtractedDocument? Document, Validation Errors);

    public static async Task<Parsed> ReadAsync(HttpRequest request, DocumentReader reader, long maxBytes, CancellationToken ct)
    {
        var v = new Validation();
        if (request.HasFormContentType)
        {
            if (await FormReader.ReadAsync(request, v, ct) is not { } form)
            {
                return new(null, null, null, v);
            }

            foreach (var key in form.Keys.Concat(form.Files.Select(f => f.Name)).Distinct().Where(k => k != "file"))
            {
                v.Add(key, "is not a field of this request.");
            }

            var files = form.Files.GetFiles("file");
            v.Check(files.Count == 1, "file", "must be exactly one file.");
            if (!v.IsValid)
            {
                return new(null, null, null, v);
            }

            var name = files[0].FileName;
            v.Text("fileName", name, 255, required: false);
            using var buffer = new MemoryStream();
            await files[0].CopyToAsync(buffer, ct);
            var bytes = buffer.ToArray();
            return new(bytes, string.IsNullOrWhiteSpace(name) ? null : name, v.IsValid ? HasText(reader.Read(bytes)) : null, v);
        }

        if (request.ContentType is null || !request.ContentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            v.Add("body", "must be application/json (text) or multipart/form-data (file).");
            return new(null, null, null, v);
        }

        VersionTextRequest? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<VersionTextRequest>(request.Body, JsonDefaults.Options, ct);
        }
        catch (JsonException e)
        {
            v.Add(string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "body" : e.Path.TrimStart('$', '.'), "is not valid here: " + e.Message);
            return new(null, null, null, v);
        }

        v.Check(body is not null, "body", "is required.");
        v.Text("text", body?.Text, int.MaxValue, multiline: true);
        v.Check(body?.Text is null || v.ErrorCount > 0 || !Blank.IsBlank(body.Text), "text", "holds no visible text (only spaces or zero-width characters).");
        v.Text("fileName", body?.FileName, 255, required: false);
        if (!v.IsValid)
        {
            return new(null, null, null, v);
        }

        var original = Encoding.UTF8.GetBytes(body!.Text!);
        if (original.Length > maxBytes)
        {
            throw new DocumentRefusedException("too-large", $"The document is larger than {maxBytes} bytes.", 413);
        }

        return new(original, body.FileName, reader.FromText(body.Text!), v);
    }

    // A file whose extracted text is only whitespace has nothing to review.
    private static ExtractedDocument HasText(ExtractedDocument document) =>
        Blank.IsBlank(document.Text) ? throw new DocumentRefusedException("empty", "The document holds no text.") : document;
}
