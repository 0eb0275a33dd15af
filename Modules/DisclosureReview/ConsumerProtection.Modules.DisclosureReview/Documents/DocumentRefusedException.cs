namespace ConsumerProtection.Modules.DisclosureReview.Documents;

/// <summary>
/// The bytes are not a document the checks accept. <see cref="Code"/> is stable for clients (e.g. <c>no-text-layer</c>);
/// <see cref="Status"/> is 400, or 413 for a document over the size limits.
/// </summary>
internal sealed class DocumentRefusedException(string code, string detail, int status = 400) : Exception(detail)
{
    public string Code { get; } = code;

    public int Status { get; } = status;
}
