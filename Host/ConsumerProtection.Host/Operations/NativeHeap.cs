using System.Runtime.InteropServices;

namespace ConsumerProtection.Host.Operations;

/// <summary>
/// Caps glibc's malloc arenas for this process. glibc hands a thread that allocates while another thread holds an
/// arena a new arena of its own, up to eight per core, and each arena keeps the memory freed into it. SQLite's page
/// caches allocate and free 4 KiB pages on whichever pool thread runs a statement (and drop a connection's whole cache
/// when another connection has committed), so under mixed load the arenas grew to 136–426 MB while the live managed
/// heap held 18 MB; with two arenas they held 20–30 MB at the same load (tests/ConsumerProtection.Benchmarks/README.md,
/// "Host memory under mixed load"). Called first thing in <c>Main</c>; arenas made before that are kept, but no more
/// than the cap are added. An operator's own <c>MALLOC_ARENA_MAX</c> wins, and other C libraries (musl, Windows,
/// macOS) are left alone.
/// </summary>
internal static class NativeHeap
{
    /// <summary>The cap: one arena per core of the 2-core machine the figures come from; more cores share them.</summary>
    public const int DefaultArenaMax = 2;

    private const int MArenaMax = -8; // M_ARENA_MAX in glibc's <malloc.h>

    /// <summary>Sets glibc's arena cap; false when it was not set (not glibc, or MALLOC_ARENA_MAX given).</summary>
    public static bool LimitArenas(int max = DefaultArenaMax)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable("MALLOC_ARENA_MAX") is not null)
        {
            return false;
        }

        try
        {
            return Mallopt(MArenaMax, max) == 1;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false; // not glibc (e.g. Alpine's musl)
        }
    }

    /// <summary>
    /// Hands the free pages inside every arena back to the kernel (glibc's <c>malloc_trim(0)</c>): a freed page stays in
    /// the process until the arena's top is trimmed, and pages freed in the middle of an arena never are. False when
    /// this is not glibc.
    /// </summary>
    public static bool Trim()
    {
        if (!OperatingSystem.IsLinux() || s_noTrim)
        {
            return false;
        }

        try
        {
            _ = MallocTrim(0);
            return true;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            s_noTrim = true;
            return false;
        }
    }

    private static bool s_noTrim;

    [DllImport("libc.so.6", EntryPoint = "malloc_trim", ExactSpelling = true)]
    private static extern int MallocTrim(nuint pad);

    [DllImport("libc.so.6", EntryPoint = "mallopt", ExactSpelling = true)]
    private static extern int Mallopt(int param, int value);
}
