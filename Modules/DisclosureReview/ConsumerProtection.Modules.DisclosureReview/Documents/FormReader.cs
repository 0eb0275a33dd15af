using ConsumerProtection.Shared.Http;
using Microsoft.AspNetCore.Http;

namespace ConsumerProtection.Modules.DisclosureReview.Documents;

/// <summary>
/// Reads a multipart upload; a malformed one (no boundary, broken parts, truncated body) is a 400 naming <c>body</c>,
/// not a server error. An over-size body still surfaces as the 413 <see cref="BadHttpRequestException"/>.
/// </summary>
internal static class FormReader
{
    public static async Task<IFormCollection?> ReadAsync(HttpRequest request, Validation v, CancellationToken ct)
    {
        try
        {
            return await request.ReadFormAsync(ct);
        }
        catch (Exception e) when (e is InvalidDataException || (e is IOException && e is not BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }))
        {
            v.Add("body", "is not a readable multipart/form-data body: " + e.Message);
            return null;
        }
    }
}
