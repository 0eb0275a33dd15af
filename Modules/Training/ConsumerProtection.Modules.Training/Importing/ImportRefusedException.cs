namespace ConsumerProtection.Modules.Training.Importing;

/// <summary>A whole import file is refused (not one row): a stable <see cref="Code"/>, 400 or 413.</summary>
internal sealed class ImportRefusedException(string code, string message, int status = 400) : Exception(message)
{
    public string Code { get; } = code;

    public int Status { get; } = status;
}
