using ConsumerProtection.Modules.Complaints;
using ConsumerProtection.Modules.DisclosureReview;
using ConsumerProtection.Modules.PersonalInfoAccess;
using ConsumerProtection.Modules.Training;
using ConsumerProtection.Shared.Kernel;
using ConsumerProtection.Shared.Modules;

namespace ConsumerProtection.Host;

/// <summary>The one explicit list of modules this host runs, in start-up order. Add a module here.</summary>
public static class HostModules
{
    /// <summary>Creates the module list.</summary>
    public static IReadOnlyList<IModule> All() =>
    [
        new KernelModule(),
        new ComplaintsModule(),
        new PersonalInfoAccessModule(),
        new DisclosureReviewModule(),
        new TrainingModule(),
    ];
}
