using System.Data;
using System.Security.Cryptography;
using ConsumerProtection.Modules.PersonalInfoAccess.Domain;
using ConsumerProtection.Shared.Data;
using Microsoft.Data.Sqlite;

namespace ConsumerProtection.Modules.PersonalInfoAccess.Ingest;

internal sealed partial class EventAppender
{
    // SQLite: the raw statement API (see SqliteAppendStatement); a skipped row (conflict) is looked up after the loop's turn.
    private AppendResult[] AppendSqlite(SqliteConnection c, IReadOnlyList<AccessEvent> events, DateTimeOffset recordedAt, long seq, byte[] prev)
    {
        var results = new AppendResult[events.Count];
        var recordedTicks = recordedAt.UtcTicks;
        var recordedText = StoredValues.SqliteText(recordedAt);
        Span<byte> payloadHash = stackalloc byte[EventHash.Size];
        Span<byte> personalHash = stackalloc byte[EventHash.Size];
        Span<byte> salt = stackalloc byte[EventHash.SaltSize];
        var rowHash = new byte[EventHash.Size];
        var prevHash = (byte[])prev.Clone();
        using var insert = new SqliteAppendStatement(c, InsertSql);
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            var payload = StoredPayload.From(e);
            RandomNumberGenerator.Fill(salt);
            EventHash.V2(payload, salt, personalHash, payloadHash);
            EventHash.Row(seq + 1, recordedTicks, payloadHash, prevHash, rowHash);
            // Parameter indexes follow Columns (1-based).
            insert.Int64(1, seq + 1);
            insert.Text(2, StoredValues.SqliteText(e.EventId));
            insert.Text(3, StoredValues.SqliteText(e.OccurredAt));
            insert.Text(4, recordedText);
            insert.Text(5, payload.StaffId);
            insert.Text(6, payload.StaffRole);
            insert.Text(7, payload.StaffBranch);
            insert.Text(8, payload.StaffDepartment);
            insert.Text(9, payload.SourceSystem);
            insert.Text(10, payload.CustomerRef);
            insert.Text(11, payload.Categories);
            insert.Int64(12, e.MaxTier);
            insert.Text(13, payload.Action);
            insert.Text(14, payload.Purpose);
            insert.Text(15, payload.PurposeText);
            insert.Text(16, payload.LegalBasis);
            insert.Text(17, payload.BusinessRef);
            insert.Text(18, payload.ConsentRef);
            insert.Text(19, payload.AuthorizationRef);
            insert.Text(20, payload.Channel);
            insert.Text(21, payload.Outcome);
            insert.Blob(22, payloadHash);
            insert.Blob(23, prevHash);
            insert.Blob(24, rowHash);
            insert.Blob(25, salt);
            insert.Blob(26, personalHash);
            if (insert.Execute() == 1)
            {
                seq++;
                rowHash.CopyTo(prevHash, 0);
                results[i] = new AppendResult(e.EventId, AppendStatus.Recorded, seq);
            }
            else
            {
                results[i] = Existing(c, payload);
            }
        }

        return results;
    }

    private AppendResult Existing(SqliteConnection c, in StoredPayload payload)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = StoredPayloadHashSql;
        cmd.Parameters.AddWithValue("@event_id", StoredValues.SqliteText(payload.EventId));
        using var reader = cmd.ExecuteReader(CommandBehavior.SingleRow);
        if (!reader.Read())
        {
            throw new InvalidOperationException("An event insert was skipped, but no stored event has its id.");
        }

        return Compare(payload, reader.GetInt64(0), (byte[])reader.GetValue(1), reader.IsDBNull(2) ? null : (byte[])reader.GetValue(2));
    }

    // A resend is the same event when it hashes to the stored payload hash under the stored row's own salt (v2) or as a
    // v1 payload (rows from before the cut-over). A purged row has lost its salt; a resend cannot be that old (MaxAge).
    private static AppendResult Compare(in StoredPayload payload, long seq, byte[] storedPayloadHash, byte[]? storedSalt)
    {
        Span<byte> personal = stackalloc byte[EventHash.Size];
        Span<byte> hash = stackalloc byte[EventHash.Size];
        if (storedSalt is null)
        {
            EventHash.Payload(payload, hash);
        }
        else
        {
            EventHash.V2(payload, storedSalt, personal, hash);
        }

        return new AppendResult(payload.EventId, hash.SequenceEqual(storedPayloadHash) ? AppendStatus.Duplicate : AppendStatus.Conflict, seq);
    }
}
