package app.pacer.leads;

import app.pacer.core.reply.Language;
import java.util.List;

/** A pipeline stage. Won and lost are built in and keep their meaning whatever they are called. */
public record Stage(String key, String nameEn, String nameZh, Kind kind, int position) {

    public enum Kind { OPEN, WON, LOST }

    public static final List<Stage> BUILTIN = List.of(
            new Stage("new", "New", "新线索", Kind.OPEN, 10),
            new Stage("contacted", "Contacted", "已联系", Kind.OPEN, 20),
            new Stage("qualified", "Qualified", "已确认", Kind.OPEN, 30),
            new Stage("proposal", "Proposal", "方案", Kind.OPEN, 40),
            new Stage("negotiation", "Negotiation", "谈判", Kind.OPEN, 50),
            new Stage("won", "Won", "赢单", Kind.WON, 90),
            new Stage("lost", "Lost", "输单", Kind.LOST, 100));

    public String name(Language language) {
        return language == Language.ZH ? nameZh : nameEn;
    }

    public boolean matches(String typed) {
        String t = typed.trim();
        return key.equalsIgnoreCase(t) || nameEn.equalsIgnoreCase(t) || nameZh.equals(t);
    }

    public boolean closed() {
        return kind != Kind.OPEN;
    }
}
