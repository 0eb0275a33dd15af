using ConsumerProtection.Modules.PersonalInfoAccess.Contracts;
using ConsumerProtection.Modules.PersonalInfoAccess.Domain;

namespace ConsumerProtection.Modules.PersonalInfoAccess.Ingest;

/// <summary>The in-process door to the log (other modules, e.g. Complaints): the same validation and group commit as HTTP.</summary>
internal sealed class AccessLog(EventValidation validation, GroupCommitWriter writer) : IPersonalInfoAccessLog
{
    public async Task RecordAsync(Contracts.PersonalInfoAccess access, CancellationToken ct)
    {
        var e = validation.Validate(access);
        var result = (await writer.SubmitAsync([e], ct))[0];
        if (result.Status == AppendStatus.Conflict)
        {
            throw new InvalidOperationException($"Event {access.EventId} is already recorded with different content.");
        }
    }
}
