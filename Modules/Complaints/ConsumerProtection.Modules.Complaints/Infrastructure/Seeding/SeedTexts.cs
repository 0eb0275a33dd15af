namespace ConsumerProtection.Modules.Complaints.Infrastructure.Seeding;

// Free text for seeded complaints. Every description ends with a marker, so seeded data is never mistaken for real.
internal static class SeedTexts
{
    public const string Marker = "［模拟数据］";

    private static readonly Dictionary<string, string> Descriptions = new(StringComparer.Ordinal)
    {
        ["C01"] = "客户反映{0}网点工作人员服务态度差，办理{1}业务时长时间等待无人处理。",
        ["C02"] = "客户反映{1}相关系统故障，交易失败但资金被扣，要求尽快处理。",
        ["C03"] = "客户对{1}的办理流程有异议，认为要求提供的材料过多、流程繁琐。",
        ["C04"] = "客户反映营销人员在推介{1}时夸大收益、未充分提示风险。",
        ["C05"] = "客户称{1}的费用与风险信息披露不充分，事前未被告知。",
        ["C06"] = "客户对{1}的实际收益低于预期不满，要求说明原因并补偿损失。",
        ["C07"] = "客户反映在{0}网点办理业务时被要求捆绑购买{1}，侵犯自主选择权。",
        ["C08"] = "客户对{1}合同中的格式条款有异议，认为加重了其责任。",
        ["C09"] = "客户发现账户资金被盗刷，涉及{1}，要求银行承担责任。",
        ["C10"] = "客户怀疑其个人信息被泄露，近期频繁接到与{1}相关的营销电话。",
        ["C11"] = "客户对{1}收取的费用有异议，称未事先告知，要求退还。",
        ["C12"] = "客户反映{1}逾期催收方式不当，催收人员多次联系其亲友。",
    };

    public static readonly string[] Responses =
    [
        "经核实，相关业务办理符合规定，已向客户耐心解释。", "经核实，已为客户退还相关费用并致歉。", "已协调相关部门处理，问题已解决。",
        "已调阅录音录像，确认工作人员存在不当之处，已向客户致歉并整改。", "已向客户说明产品条款与风险，客户表示理解。",
    ];

    public static readonly string[] RootCauses = ["员工服务意识不足", "系统升级导致交易异常", "费用告知流程缺失", "营销话术不规范", "合同条款表述不清", "第三方合作机构管理不到位"];

    public static readonly string[] Remediations = ["开展专项培训", "修订业务流程", "更新告知模板", "优化系统校验", "加强合作机构管理", "完善双录要求"];

    public static readonly string[] Accountabilities = ["网点主管通报批评", "责任人绩效扣减", "无需追责", "部门负责人约谈", "责任人书面检查"];

    public static readonly string[] WithdrawReasons = ["客户表示已与网点协商解决", "客户主动撤回投诉", "客户误解业务规则，经解释后撤诉"];

    public static readonly string[] EscalationReasons = ["临近监管时限，请加快办理", "客户多次来电催办", "涉及金额较大，需领导关注"];

    public static readonly string[] ReferralOutcomes = ["经调解双方达成一致", "调解不成，客户申请仲裁后裁决维持原处理", "调解达成部分补偿协议"];

    public static readonly string[] VulnerableNotes = ["客户年逾七十，需家属陪同", "客户听力不佳，需书面沟通", "客户行动不便，上门受理"];

    public static string Description(string reason, string branchCity, string product) =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture,
            Descriptions.TryGetValue(reason, out var text) ? text : "客户就{1}提出其他意见。", branchCity, product) + Marker;

    public static string Of(string[] texts, Random rng) => texts[rng.Next(texts.Length)];
}
