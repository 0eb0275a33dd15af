namespace ConsumerProtection.Modules.DisclosureReview.Checking;

internal sealed partial class ClaimContext
{
    private enum Cue
    {
        Near,
        EnglishNegator,
        Prohibition,
        Verb,
        EnglishProhibition,
        EnglishVerb,
    }

    // Directly before the phrase: 不保本, 非保本, 无 + phrase.
    private const string AdjacentNegators = "非不无未没勿莫";

    // Within a few characters before the phrase: 不承诺保本, 并非无风险, 不保证本金安全, 不构成对收益的承诺.
    private static readonly string[] NearNegators =
    [
        "不保证", "不承诺", "不代表", "不构成", "不等于", "不意味", "并非", "并不", "不是", "不能", "不会", "不属于", "不受", "不在", "不纳入",
        "不提供", "无法", "不作", "不予", "没有", "不含", "不涉及", "不存在",
    ];

    // Normalised: apostrophes are filler, so "isn't" reads "isnt".
    private static readonly string[] EnglishNegators =
        ["not", "no", "non", "never", "without", "nor", "neither", "cannot", "cant", "isnt", "arent", "doesnt", "dont", "wont", "nothing", "none"];

    private static readonly string[] Prohibitions = ["不得", "禁止", "严禁", "不应", "切勿", "不允许", "不可", "请勿", "避免"];

    private static readonly string[] SpeechVerbs =
        ["宣传", "使用", "承诺", "宣称", "表述", "暗示", "出现", "提及", "夸大", "误导", "含有", "包含", "用语", "字样", "描述", "标榜", "称"];

    private static readonly string[] EnglishProhibitions =
        ["must not", "may not", "shall not", "should not", "do not use", "never use", "prohibited", "not permitted", "not allowed", "avoid", "forbidden", "banned"];

    private static readonly string[] EnglishSpeechVerbs =
        ["use", "say", "claim", "describe", "state", "promise", "imply", "call", "advertise", "suggest", "word", "term", "expression", "label", "present"];

    private static readonly (string Phrase, Cue Role)[] All =
    [
        .. NearNegators.Select(p => (p, Cue.Near)),
        .. EnglishNegators.Select(p => (p, Cue.EnglishNegator)),
        .. Prohibitions.Select(p => (p, Cue.Prohibition)),
        .. SpeechVerbs.Select(p => (p, Cue.Verb)),
        .. EnglishProhibitions.Select(p => (p, Cue.EnglishProhibition)),
        .. EnglishSpeechVerbs.Select(p => (p, Cue.EnglishVerb)),
    ];

    private static readonly AhoCorasick Cues = new(All.Select(c => c.Phrase).ToList());

    private static readonly Cue[] CueRoles = All.Select(c => c.Role).ToArray();
}
