namespace ConsumerProtection.Modules.PersonalInfoAccess.Chain;

/// <summary>Signed checkpoints of the access-event chain (section <c>PiAccess:Checkpoints</c>).</summary>
internal sealed class CheckpointOptions : Shared.Modules.ISettingsRules
{
    public const string Section = "PiAccess:Checkpoints";

    /// <summary>Take a checkpoint once this many events were committed since the last one.</summary>
    public int EveryEvents { get; set; } = 10_000;

    /// <summary>Take a checkpoint this often when new events exist (a background job; needs BackgroundJobs:Enabled).</summary>
    public int EveryMinutes { get; set; } = 15;

    /// <summary>The signing key as PKCS#8 PEM (from an environment variable or a secret store).</summary>
    public string? SigningKeyPem { get; set; }

    /// <summary>A file holding the signing key as PKCS#8 PEM.</summary>
    public string? SigningKeyFile { get; set; }

    /// <summary>Public keys (SPKI PEM) of earlier signing keys whose checkpoints still verify (key rotation).</summary>
    public List<string> TrustedPublicKeysPem { get; set; } = [];

    public IEnumerable<string> Violations()
    {
        if (EveryEvents < 1)
        {
            yield return "PiAccess:Checkpoints:EveryEvents must be positive.";
        }

        if (EveryMinutes is < 1 or > 1440)
        {
            yield return "PiAccess:Checkpoints:EveryMinutes must be between 1 and 1440.";
        }

        if (!string.IsNullOrWhiteSpace(SigningKeyPem) && !string.IsNullOrWhiteSpace(SigningKeyFile))
        {
            yield return "Set either PiAccess:Checkpoints:SigningKeyPem or PiAccess:Checkpoints:SigningKeyFile, not both.";
        }
    }
}
