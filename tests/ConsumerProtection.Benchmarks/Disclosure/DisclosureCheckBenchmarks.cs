using System.Text;
using BenchmarkDotNet.Attributes;
using ConsumerProtection.Modules.DisclosureReview.Checking;
using ConsumerProtection.Modules.DisclosureReview.Documents;

namespace ConsumerProtection.Benchmarks.Disclosure;

/// <summary>
/// Issue 10 §6: the automatic checks on a 100,000-character mixed zh/en document against a 300-rule set (the 16
/// shipped rules plus 284 generated banned-claim rules of 6 phrases each, zh and en). Measures the whole check:
/// splitting into lines, normalisation, one Aho–Corasick pass, every rule's judgement. Target: median ≤ 20 ms.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
[MedianColumn]
public class DisclosureCheckBenchmarks
{
    public const int Characters = 100_000;
    public const int RuleCount = 300;

    private static readonly string[] Passages =
    [
        "理财非存款、产品有风险、投资须谨慎。本产品风险等级为R2（中低风险），适合稳健型及以上投资者。",
        "本产品为非保本浮动收益型理财产品，业绩比较基准3.2%-3.8%，测算依据为历史同类资产收益，不代表未来表现。",
        "认购起点1万元，期限180天，销售费0.2%/年，托管费0.02%/年。投诉渠道：客服热线、营业网点。",
        "因不可抗力导致交易失败的，本行不承担责任。冷静期为24小时，冷静期内可撤回认购。",
        "Wealth management products are not deposits; investing involves risk. Returns are not guaranteed. ",
        "The expected return of 4.1% is based on the portfolio's historical yield and does not represent future performance. ",
        "Fees: subscription 0%, management 0.3% a year. Complaints: call our hotline or visit any branch. ",
        "本行保 本保息，稳赚不赔，行业第一！年化收益率5.8%。",
        "Guaranteed returns, the best rate in town, approved by the regulator. ",
    ];

    private CompiledRuleSet _set = null!;
    private ExtractedDocument _document = null!;
    private readonly CheckSubject _subject = new(ProductType.WealthManagement, false, RiskGrade.R2, DocumentType.MarketingMaterial);

    [GlobalSetup]
    public void Setup()
    {
        var shipped = RuleSetCompiler.Parse(RuleSetCompiler.DefaultJson());
        var random = new Random(10);
        const string han = "保本息稳赚收益风险承诺安全银行理财基金保险存款利率费用市场产品客户资金投资回报";
        var generated = Enumerable.Range(0, RuleCount - shipped.Rules.Count).Select(i => shipped.Rules[0] with
        {
            Id = $"GEN-{i:D3}",
            Terms = Enumerable.Range(0, 6).Select(j => j % 2 == 0
                ? new string(Enumerable.Range(0, 3 + random.Next(3)).Select(_ => han[random.Next(han.Length)]).ToArray())
                : $"phrase{i}x{j} claim").ToList(),
            Exceptions = [],
        });
        var content = shipped with { Rules = [.. shipped.Rules, .. generated] };
        _set = new CompiledRuleSet(2, content);

        var text = new StringBuilder(Characters + 200);
        for (var i = 0; text.Length < Characters; i++)
        {
            text.Append(Passages[random.Next(Passages.Length)]);
            if (i % 4 == 3)
            {
                text.Append('\n');
            }
        }

        _document = ExtractedDocument.FromText(text.ToString(0, Characters));
    }

    internal (CompiledRuleSet Set, ExtractedDocument Document) Inputs => (_set, _document);

    [Benchmark]
    public int Check100kChars300Rules() => Checker.Check(_set, _document, _subject).Count;
}
