package app.pacer.targets;

import app.pacer.core.reply.Language;
import java.util.List;

/** Something a team measures: the built-in ones, or a workspace's own (admins add them). */
public record Metric(String key, String nameEn, String nameZh, String unit, boolean money, boolean builtin) {

    public static final List<Metric> BUILTIN = List.of(
            new Metric("revenue", "Revenue", "销售额", null, true, true),
            new Metric("deals", "Deals", "成交", null, false, true),
            new Metric("customers", "New customers", "新客户", null, false, true),
            new Metric("calls", "Calls", "电话", null, false, true),
            new Metric("meetings", "Meetings", "会议", null, false, true));

    public String name(Language language) {
        return language == Language.ZH ? nameZh : nameEn;
    }

    /** Whether a person typing {@code word} means this metric (key or either name, any case). */
    public boolean matches(String word) {
        String w = word.trim();
        return key.equalsIgnoreCase(w) || nameEn.equalsIgnoreCase(w) || nameZh.equals(w)
                || (key + "s").equalsIgnoreCase(w) || key.equalsIgnoreCase(w + "s");
    }
}
