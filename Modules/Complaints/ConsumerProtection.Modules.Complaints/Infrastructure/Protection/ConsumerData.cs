using Microsoft.Extensions.DependencyInjection;
using ConsumerProtection.Modules.Complaints.Domain;
using ConsumerProtection.Shared.Protection;

namespace ConsumerProtection.Modules.Complaints.Infrastructure.Protection;

/// <summary>The consumer's details as the API shows them, decrypted.</summary>
internal sealed record ConsumerDetails(string? Name, string? Phone, string? Email, string? IdType, string? IdNumber);

/// <summary>
/// Seals a complaint's personal data for storage and opens it for the few reads that show it. Sealed: the consumer's
/// name, phone, e-mail and ID number (C2 personal financial information under JR/T 0171-2020) and the vulnerability
/// note, which can describe health or disability (sensitive personal information, PIPL art. 28). The ID type is a
/// category, not an identifier, and stays readable. Each value is bound to its column and the complaint's id.
/// </summary>
internal sealed class ConsumerData(IServiceProvider services)
{
    // Resolved on first use: the keys (and, on a fresh data folder, the key file) are loaded only when personal data
    // is sealed or read — not when a command-line verb merely composes the seeders to list their names.
    private PersonalDataProtector? _protector;


    public const string Table = "complaints.complaint";

    public static readonly string[] SealedColumns = ["consumer_name", "consumer_phone", "consumer_email", "consumer_id_number", "vulnerable_note"];

    public PersonalDataProtector Protector => _protector ??= services.GetRequiredService<PersonalDataProtector>();

    /// <summary>Replaces the plaintext personal fields of a new row with envelopes and sets its blind indexes.</summary>
    public void Seal(ComplaintRow row)
    {
        var id = row.Id.ToString();
        row.ConsumerPhoneBidx = Protector.BlindIndexOrNull(BlindIndexKind.Phone, row.ConsumerPhone);
        row.ConsumerEmailBidx = Protector.BlindIndexOrNull(BlindIndexKind.Email, row.ConsumerEmail);
        row.ConsumerIdNumberBidx = Protector.BlindIndexOrNull(BlindIndexKind.IdNumber, row.ConsumerIdNumber);
        row.ConsumerName = Protect(row.ConsumerName, "consumer_name", id);
        row.ConsumerPhone = Protect(row.ConsumerPhone, "consumer_phone", id);
        row.ConsumerEmail = Protect(row.ConsumerEmail, "consumer_email", id);
        row.ConsumerIdNumber = Protect(row.ConsumerIdNumber, "consumer_id_number", id);
        row.VulnerableNote = Protect(row.VulnerableNote, "vulnerable_note", id);
        row.ConsumerKeyId = Protector.ActiveKeyId;
    }

    /// <summary>The consumer's details of a stored row (one decrypt per present field).</summary>
    public ConsumerDetails Open(ComplaintRow row)
    {
        var id = row.Id.ToString();
        return new ConsumerDetails(
            Reveal(row, row.ConsumerName, "consumer_name", id), Reveal(row, row.ConsumerPhone, "consumer_phone", id),
            Reveal(row, row.ConsumerEmail, "consumer_email", id), row.ConsumerIdType, Reveal(row, row.ConsumerIdNumber, "consumer_id_number", id));
    }

    /// <summary>The vulnerability note of a stored row, decrypted (the complaint view shows it).</summary>
    public string? Note(ComplaintRow row) => Reveal(row, row.VulnerableNote, "vulnerable_note", row.Id.ToString());

    private string? Protect(string? value, string column, string id) =>
        value is null ? null : Protector.Protect(value, new FieldBinding(Table, column, id));

    // A row without a key id predates encryption: its values are plaintext until the rekey verb seals them. A row
    // with one holds envelopes only; plaintext there is refused, so a value swapped in by hand does not pass as data.
    private string? Reveal(ComplaintRow row, string? value, string column, string id) =>
        value is null ? null
        : row.ConsumerKeyId is null && !PersonalDataProtector.IsEnvelope(value) ? value
        : Protector.Unprotect(value, new FieldBinding(Table, column, id));
}
