using ConsumerProtection.Shared.Data;

namespace ConsumerProtection.Shared.Tests.Data;

/// <summary>Base for fixtures that need a freshly migrated SQLite kernel schema per test.</summary>
internal abstract class KernelDbFixture
{
    private TempKernelDb? _kernel;

    protected TempKernelDb Kernel => _kernel ?? throw new InvalidOperationException("SetUp has not run.");

    [OneTimeSetUp]
    public void RegisterHandlers() => DapperTypeHandlers.Register(StorageProvider.Sqlite);

    [SetUp]
    public void Migrate() => _kernel = TempKernelDb.Create();

    [TearDown]
    public void Delete()
    {
        _kernel?.Dispose();
        _kernel = null;
    }
}
