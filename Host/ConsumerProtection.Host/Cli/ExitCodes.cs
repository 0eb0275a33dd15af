namespace ConsumerProtection.Host.Cli;

/// <summary>What the host's verbs exit with; operators' scripts test these.</summary>
internal static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Ok = 0;

    /// <summary>The work failed or found damage (a broken chain, a backup that does not verify, a damaged data folder).</summary>
    public const int Failed = 1;

    /// <summary>The command line is wrong: unknown verb or option, bad or missing value, a refused precondition the operator can change.</summary>
    public const int Usage = 2;

    /// <summary>Interrupted with Ctrl+C.</summary>
    public const int Cancelled = 130;
}

/// <summary>A refusal the operator fixes on the command line; exits <see cref="ExitCodes.Usage"/>.</summary>
internal sealed class UsageException(string message) : Exception(message);

/// <summary>The work failed for a reason stated in the message; exits <see cref="ExitCodes.Failed"/>.</summary>
internal sealed class VerbFailedException(string message) : Exception(message);
