namespace ConsumerProtection.Shared.Protection;

/// <summary>
/// Where an encrypted value lives: its table, column and record id. It is the AES-GCM associated data, so a
/// ciphertext copied into another row or another field does not decrypt.
/// </summary>
/// <param name="Table">The table, e.g. <c>complaints.complaint</c>.</param>
/// <param name="Column">The column, e.g. <c>consumer_name</c>.</param>
/// <param name="RecordId">The row's id as text.</param>
public readonly record struct FieldBinding(string Table, string Column, string RecordId)
{
    /// <inheritdoc />
    public override string ToString() => $"{Table}.{Column} of {RecordId}";
}
