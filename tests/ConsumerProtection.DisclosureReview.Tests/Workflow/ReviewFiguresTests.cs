using System.Net;
using ConsumerProtection.DisclosureReview.Tests.Infrastructure;
using ConsumerProtection.Modules.DisclosureReview.Contracts;
using Microsoft.Extensions.DependencyInjection;
using static ConsumerProtection.DisclosureReview.Tests.Infrastructure.DisclosureApi;

namespace ConsumerProtection.DisclosureReview.Tests.Workflow;

/// <summary>
/// The aggregate contract against figures worked out here from the scenario itself (a week with no holiday:
/// Mon 2026-03-02 to Fri 2026-03-06) and, for findings, from each stored version as the API shows it.
/// </summary>
public sealed class ReviewFiguresTests
{
    private DisclosureApi _api = null!;
    private IDisclosureReviewFigures _figures = null!;
    private readonly List<(string Code, Guid Document, int Version)> _versions = [];

    [OneTimeSetUp]
    public async Task Start()
    {
        _api = await DisclosureApi.StartAsync();
        _figures = _api.Factory.Services.GetRequiredService<IDisclosureReviewFigures>();

        // Monday: three submissions; P2 gets "changes requested" the same day (0 working days).
        var p1 = NewCode("FIG");
        var p2 = NewCode("FIG");
        var p3 = NewCode("FIG");
        Track(p1, await _api.ProductWithDocumentsAsync(p1));
        var p2Docs = await _api.ProductWithDocumentsAsync(p2);
        var bad = await _api.UploadAsync(p2, p2Docs["Contract"], Clean["Contract"] + "\n" + Blocker);
        Track(p2, p2Docs);
        _versions.Add((p2, p2Docs["Contract"], bad.GetProperty("number").GetInt32()));
        Track(p3, await _api.ProductWithDocumentsAsync(p3, _api.OtherPm, product: Product(p3, channels: ["Counter"])));

        var r1 = await TakeAsync(await _api.SubmitAsync(p1));
        var r2 = await TakeAsync(await _api.SubmitAsync(p2));
        var r3 = await TakeAsync(await _api.SubmitAsync(p3, _api.OtherPm));
        await DecideAsync(r2, "ChangesRequested");

        // Wednesday: P1 approved and P3 rejected after 2 working days; P2 fixed and submitted again.
        _api.Time.Advance(TimeSpan.FromDays(2));
        await DecideAsync(r1, "Approved");
        await DecideAsync(r3, "Rejected");
        var fixedVersion = await _api.UploadAsync(p2, p2Docs["Contract"], Clean["Contract"]);
        _versions.Add((p2, p2Docs["Contract"], fixedVersion.GetProperty("number").GetInt32()));
        var r2b = await TakeAsync(await _api.SubmitAsync(p2));

        // Thursday: P2's second round approved after 1 working day.
        _api.Time.Advance(TimeSpan.FromDays(1));
        await DecideAsync(r2b, "Approved");
    }

    [OneTimeTearDown]
    public void Stop() => _api.Dispose();

    private void Track(string code, Dictionary<string, Guid> docs) =>
        _versions.AddRange(docs.Values.Select(d => (code, d, 1)));

    private async Task<(Guid, string)> TakeAsync((Guid Id, string ETag) review)
    {
        var (response, etag) = await ActAsync(_api.Officer, review.Id, "take", review.ETag);
        await Json(response, HttpStatusCode.OK);
        return (review.Id, etag!);
    }

    private async Task DecideAsync((Guid Id, string ETag) review, string decision)
    {
        var (response, _) = await ActAsync(_api.Officer, review.Id, "decision", review.ETag, new { decision, reason = "见审查意见" });
        await Json(response, HttpStatusCode.OK);
    }

    private Task<DisclosureReviewFigures> Figures(int fromDay, int toDay, string? department = null) =>
        _figures.GetAsync(new DisclosureFiguresQuery(new DateOnly(2026, 3, fromDay), new DateOnly(2026, 3, toDay), department), CancellationToken.None);

    [Test]
    public async Task WholeWeek_AllDepartments()
    {
        var f = await Figures(2, 6);
        Assert.Multiple(() =>
        {
            Assert.That(f.Submitted, Is.EqualTo(4));
            Assert.That(f.ApprovedFirstTime, Is.EqualTo(1));
            Assert.That(f.Approved, Is.EqualTo(2));
            Assert.That(f.ChangesRequested, Is.EqualTo(1));
            Assert.That(f.Rejected, Is.EqualTo(1));
            Assert.That(f.MeanReviewWorkingDays, Is.EqualTo((0 + 2 + 2 + 1) / 4.0));
        });
    }

    [Test]
    public async Task OneDepartment_CountsOnlyItsProducts()
    {
        var retail = await Figures(2, 6, "RETAIL");
        var cards = await Figures(2, 6, "CARDS");
        Assert.Multiple(() =>
        {
            Assert.That((retail.Submitted, retail.ApprovedFirstTime, retail.Approved, retail.ChangesRequested, retail.Rejected), Is.EqualTo((3, 1, 2, 1, 0)));
            Assert.That(retail.MeanReviewWorkingDays, Is.EqualTo((0 + 2 + 1) / 3.0));
            Assert.That((cards.Submitted, cards.Approved, cards.Rejected), Is.EqualTo((1, 0, 1)));
            Assert.That(cards.MeanReviewWorkingDays, Is.EqualTo(2.0));
        });
    }

    [Test]
    public async Task PeriodBounds_AreBankLocalDays()
    {
        var tuesday = await Figures(3, 3);
        var wednesday = await Figures(4, 4);
        Assert.Multiple(() =>
        {
            Assert.That((tuesday.Submitted, tuesday.Approved, tuesday.Rejected, tuesday.ChangesRequested), Is.EqualTo((0, 0, 0, 0)));
            Assert.That(tuesday.MeanReviewWorkingDays, Is.Null);
            Assert.That(tuesday.FindingsByRule, Is.Empty);
            Assert.That((wednesday.Submitted, wednesday.ApprovedFirstTime, wednesday.Rejected), Is.EqualTo((1, 1, 1)));
        });
    }

    [Test]
    public async Task FindingsByRule_MatchTheStoredVersions()
    {
        var expected = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (code, document, version) in _versions)
        {
            var body = await Json(await _api.Officer.GetAsync($"{Products}/{code}/documents/{document}/versions/{version}"), HttpStatusCode.OK);
            foreach (var finding in body.GetProperty("findings").EnumerateArray())
            {
                var rule = finding.GetProperty("ruleId").GetString()!;
                expected[rule] = expected.GetValueOrDefault(rule) + 1;
            }
        }

        var f = await Figures(2, 6);
        Assert.That(expected, Does.ContainKey("BAN-REGULATOR"));
        Assert.That(f.FindingsByRule.ToDictionary(r => r.RuleId, r => r.Findings), Is.EquivalentTo(expected));
        Assert.That(f.FindingsByRule.Select(r => r.RuleId), Is.Ordered.Using((IComparer<string>)StringComparer.Ordinal));
    }

    [Test]
    public async Task ReversedPeriod_IsRefused() =>
        await Assert.ThatAsync(() => Figures(6, 2), Throws.ArgumentException);
}
