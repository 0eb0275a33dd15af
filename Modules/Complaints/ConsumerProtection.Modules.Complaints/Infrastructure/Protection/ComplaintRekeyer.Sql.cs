namespace ConsumerProtection.Modules.Complaints.Infrastructure.Protection;

// Each range is served by ix_complaint_consumer_key (consumer_key_id, id) WHERE anonymised_at IS NULL: anonymised
// complaints hold no personal data and never enter it.
internal sealed partial class ComplaintRekeyer
{
    public const string CountPlain = """
        SELECT COUNT(*) FROM [complaints].[complaint] WHERE anonymised_at IS NULL AND consumer_key_id IS NULL
        """;

    public const string CountUnder = """
        SELECT COUNT(*) FROM [complaints].[complaint] WHERE anonymised_at IS NULL AND consumer_key_id = @KeyId
        """;

    private const string Fields = """
        SELECT id, consumer_key_id, consumer_name, consumer_phone, consumer_email, consumer_id_type, consumer_id_number, vulnerable_note
        FROM [complaints].[complaint]
        """;

    public const string SelectPlain = Fields + """

        WHERE anonymised_at IS NULL AND consumer_key_id IS NULL AND id > @After ORDER BY id
        """;

    public const string SelectUnder = Fields + """

        WHERE anonymised_at IS NULL AND consumer_key_id = @KeyId AND id > @After ORDER BY id
        """;

    // Guarded by the key the values were read under: a row anonymised or rekeyed meanwhile is left alone.
    public const string Rewrite = """
        UPDATE [complaints].[complaint]
        SET consumer_name = @ConsumerName, consumer_phone = @ConsumerPhone, consumer_email = @ConsumerEmail,
            consumer_id_number = @ConsumerIdNumber, vulnerable_note = @VulnerableNote, consumer_key_id = @ConsumerKeyId,
            consumer_phone_bidx = @ConsumerPhoneBidx, consumer_email_bidx = @ConsumerEmailBidx, consumer_id_number_bidx = @ConsumerIdNumberBidx
        WHERE id = @Id AND anonymised_at IS NULL AND COALESCE(consumer_key_id, '') = @FromKey
        """;
}
