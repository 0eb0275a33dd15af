namespace ConsumerProtection.Modules.Complaints.Infrastructure.Seeding;

// The reference mix the seeder draws from: made-up but plausible for a Chinese retail bank.
internal sealed partial class SeedCatalog
{
    // City code, name, branch count: 50 branches; bigger cities get more branches and more complaints.
    private static readonly (string Code, string Name, int Branches)[] Cities =
    [
        ("SH", "上海", 8), ("BJ", "北京", 6), ("GZ", "广州", 5), ("SZ", "深圳", 5), ("HZ", "杭州", 4), ("NJ", "南京", 4),
        ("CD", "成都", 3), ("WH", "武汉", 3), ("XA", "西安", 3), ("TJ", "天津", 3), ("CQ", "重庆", 3), ("SU", "苏州", 3),
    ];

    // Business type (axis B), code prefix, share of complaints, product name bases and variants: 200 products.
    private static readonly (string Type, string Prefix, double Share, string[] Bases, string[] Variants)[] Categories =
    [
        ("B032", "CC", 30, ["标准信用卡", "金卡信用卡", "白金信用卡", "钻石信用卡", "商务信用卡", "青年信用卡", "联名信用卡", "分期通"],
            ["", "（航空联名）", "（电商联名）", "（车主）", "（留学）"]),
        ("B02", "LN", 18, ["个人住房贷款", "个人消费贷款", "个人经营贷款", "汽车贷款", "助学贷款", "信用快贷", "公积金组合贷"],
            ["", "（线上）", "（抵押）", "（信用）", "（循环）"]),
        ("B083", "WM", 12, ["稳健理财", "净值型理财", "现金管理理财", "封闭式理财", "养老理财"],
            ["A款", "B款", "C款", "D款", "1号", "2号", "3号", "臻享"]),
        ("B031", "DC", 8, ["借记卡", "社保卡", "二类账户", "三类账户", "工资卡"], ["", "（IC）"]),
        ("B04", "PY", 8, ["跨行转账", "快捷支付", "收单服务", "代发工资", "网银支付"], ["", "（手机银行）"]),
        ("B01", "DP", 6, ["活期储蓄", "整存整取", "零存整取", "大额存单", "通知存款"], ["", "（三年期）", "（一年期）", "（个人养老）"]),
        ("B081", "IN", 6, ["分红型寿险", "意外险", "重疾险", "年金险", "万能险"], ["", "（银保）", "（期交）"]),
        ("B082", "FD", 5, ["货币基金", "债券基金", "混合基金", "指数基金"], ["", "A类", "C类", "（定投）", "（FOF）"]),
        ("B07", "FX", 2, ["个人购汇", "个人结汇", "外币兑换", "境外汇款", "外币存款"], [""]),
        ("B05", "CS", 1.5, ["残损币兑换", "假币收缴", "零钞兑换"], [""]),
        ("B062", "CR", 1, ["征信查询", "征信异议"], [""]),
        ("B061", "PI", 0.5, ["个人信息授权"], [""]),
    ];

    // Reason (axis C) weights per business type; a type not listed draws evenly from the active reasons.
    private static readonly Dictionary<string, (string Code, double Weight)[]> ReasonWeights = new(StringComparer.Ordinal)
    {
        ["B032"] = [("C11", 30), ("C12", 20), ("C01", 15), ("C03", 10), ("C04", 8), ("C08", 7), ("C09", 5), ("C05", 3), ("C99", 2)],
        ["B02"] = [("C11", 20), ("C12", 18), ("C03", 18), ("C08", 14), ("C01", 12), ("C04", 8), ("C05", 6), ("C99", 4)],
        ["B083"] = [("C06", 25), ("C05", 20), ("C04", 20), ("C07", 10), ("C08", 10), ("C01", 8), ("C03", 5), ("C99", 2)],
        ["B082"] = [("C06", 30), ("C05", 20), ("C04", 20), ("C08", 10), ("C01", 10), ("C03", 8), ("C99", 2)],
        ["B081"] = [("C04", 30), ("C05", 20), ("C07", 15), ("C08", 15), ("C06", 10), ("C01", 8), ("C99", 2)],
        ["B01"] = [("C01", 30), ("C03", 25), ("C02", 15), ("C09", 10), ("C08", 8), ("C05", 7), ("C99", 5)],
        ["B031"] = [("C02", 25), ("C01", 20), ("C03", 20), ("C09", 15), ("C11", 10), ("C10", 5), ("C99", 5)],
        ["B04"] = [("C09", 30), ("C02", 25), ("C03", 15), ("C11", 15), ("C01", 10), ("C99", 5)],
        ["B07"] = [("C03", 40), ("C01", 30), ("C11", 20), ("C99", 10)],
        ["B05"] = [("C01", 50), ("C03", 40), ("C99", 10)],
        ["B061"] = [("C10", 60), ("C03", 20), ("C01", 10), ("C99", 10)],
        ["B062"] = [("C10", 40), ("C03", 40), ("C01", 10), ("C99", 10)],
    };

    // Where the problem arose (axis A).
    private static readonly (string Code, double Weight)[] ChannelWeights =
    [
        ("A1", 38), ("A33", 20), ("A32", 9), ("A2", 8), ("A31", 7), ("A4", 5), ("A34", 4), ("A5", 3), ("A35", 2), ("A39", 2), ("A9", 2),
    ];

    // How the complaint reached the bank.
    private static readonly (Domain.IntakeChannel Channel, double Weight)[] IntakeWeights =
    [
        (Domain.IntakeChannel.Counter, 33), (Domain.IntakeChannel.PhoneHotline, 30), (Domain.IntakeChannel.WebApp, 12),
        (Domain.IntakeChannel.RegulatorTransfer, 8), (Domain.IntakeChannel.GovernmentHotline, 5), (Domain.IntakeChannel.Letter, 3),
        (Domain.IntakeChannel.Email, 3), (Domain.IntakeChannel.Platform12315, 3), (Domain.IntakeChannel.Other, 2), (Domain.IntakeChannel.Media, 1),
    ];

    public static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "高", "罗"];

    public static readonly string[] GivenNames = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "华", "平"];
}
