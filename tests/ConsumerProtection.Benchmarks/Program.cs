using BenchmarkDotNet.Running;
using ConsumerProtection.Benchmarks.PiAccess;

if (args.Length > 0 && args[0] == "pi-append-probe")
{
    await PiAppendProbe.RunAsync(args);
    return;
}

if (args.Length > 0 && args[0] == "pi-verify-probe")
{
    await PiAppendProbe.VerifyAsync();
    return;
}

if (args.Length > 0 && args[0] == "disclosure-check-probe")
{
    ConsumerProtection.Benchmarks.Disclosure.DisclosureCheckProbe.Run();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
