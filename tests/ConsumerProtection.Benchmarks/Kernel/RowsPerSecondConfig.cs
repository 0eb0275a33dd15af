using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace ConsumerProtection.Benchmarks.Kernel;

/// <summary>Adds a RowsPerSec column: <see cref="AuditVerifierBenchmarks.Rows"/> / mean time.</summary>
internal sealed class RowsPerSecondConfig : ManualConfig
{
    public RowsPerSecondConfig() => AddColumn(new RowsPerSecondColumn());

    private sealed class RowsPerSecondColumn : IColumn
    {
        public string Id => nameof(RowsPerSecondColumn);
        public string ColumnName => "RowsPerSec";
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Statistics;
        public int PriorityInCategory => 10;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Dimensionless;
        public string Legend => $"Audit rows verified per second ({AuditVerifierBenchmarks.Rows} / Mean)";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
            summary[benchmarkCase]?.ResultStatistics is { Mean: > 0 } stats
                ? (AuditVerifierBenchmarks.Rows / (stats.Mean / 1e9)).ToString("N0", System.Globalization.CultureInfo.InvariantCulture)
                : "NA";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);
        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
        public bool IsAvailable(Summary summary) => true;
    }
}
