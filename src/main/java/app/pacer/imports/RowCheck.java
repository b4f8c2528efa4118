package app.pacer.imports;

import app.pacer.core.command.AmountArg;
import app.pacer.core.command.ArgError;
import app.pacer.core.command.DateArg;
import app.pacer.core.command.ParseContext;
import app.pacer.core.org.Member;
import app.pacer.core.org.Role;
import app.pacer.core.reply.Markdown;
import app.pacer.core.reply.Messages;
import app.pacer.leads.Contacts;
import app.pacer.leads.LeadDraft;
import app.pacer.leads.Stage;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One row of a file, checked the way {@code lead add} checks what is typed (Contacts for email and phone, the
 * workspace's Stages, AmountArg and DateArg), into a {@link LeadDraft} and the row's problems. Errors keep the
 * row out; warnings (a cut text, an owner not found) do not.
 */
final class RowCheck {

    /** The lead table's limits (V4__leads.sql). */
    static final int NAME = 200, COMPANY = 200, WECHAT = 64, SOURCE = 64, LOST_REASON = 500, NOTE = 2000;

    private static final AmountArg AMOUNT = new AmountArg(new BigDecimal("1000000000000"), true);
    private static final DateArg DATE = new DateArg();
    private static final Pattern US_DATE = Pattern.compile("(\\d{1,2})/(\\d{1,2})/(\\d{4}|\\d{2})");
    private static final Pattern ISO_PREFIX = Pattern.compile("(\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2})[ T].*");
    private static final Pattern CHINESE_DATE = Pattern.compile("(\\d{4})年(\\d{1,2})月(\\d{1,2})日?.*");
    private static final Pattern MONEY_DECORATION = Pattern.compile("^(?:[$¥￥€£]|rmb|cny|usd|eur)\\s*|\\s*(?:rmb|cny|usd|eur|元)$",
            Pattern.CASE_INSENSITIVE);

    /** Status names other CRMs export, as Pacer's built-in stages. */
    private static final Map<String, String> STAGE_ALIASES = new HashMap<>();

    static {
        for (String s : List.of("open", "open - not contacted", "not contacted", "new lead", "lead", "subscriber",
                "marketingqualifiedlead", "marketing qualified lead", "lead in", "未处理", "未跟进", "新建", "新线索")) {
            STAGE_ALIASES.put(s, "new");
        }
        for (String s : List.of("working - contacted", "attempted to contact", "contact in future", "in progress",
                "connected", "contact made", "已联系", "跟进中", "联系中", "初步沟通")) {
            STAGE_ALIASES.put(s, "contacted");
        }
        for (String s : List.of("pre-qualified", "pre qualified", "qualified", "open deal", "salesqualifiedlead",
                "sales qualified lead", "opportunity", "qualified to buy", "已确认", "意向客户", "需求确认")) {
            STAGE_ALIASES.put(s, "qualified");
        }
        for (String s : List.of("proposal made", "presentation scheduled", "方案报价", "报价")) {
            STAGE_ALIASES.put(s, "proposal");
        }
        for (String s : List.of("negotiations started", "contract sent", "商务谈判")) {
            STAGE_ALIASES.put(s, "negotiation");
        }
        for (String s : List.of("closed - converted", "converted", "customer", "closed won", "closedwon", "won", "已转换",
                "已成交", "成交", "赢单")) {
            STAGE_ALIASES.put(s, "won");
        }
        for (String s : List.of("closed - not converted", "junk lead", "lost lead", "not qualified", "unqualified",
                "bad timing", "closed lost", "closedlost", "无效", "无效线索", "已关闭", "输单", "丢单")) {
            STAGE_ALIASES.put(s, "lost");
        }
    }

    record Result(LeadDraft draft, List<String> errors, List<String> warnings) {
        boolean ok() {
            return errors.isEmpty();
        }
    }

    private final List<Field> mapping;
    private final List<Stage> stages;
    private final Map<String, Member> owners = new HashMap<>();
    private final Member actor;
    private final Messages m;
    private final ParseContext context;

    RowCheck(List<Field> mapping, List<Stage> stages, List<Member> members, Member actor, LocalDate today) {
        this.mapping = mapping;
        this.stages = stages;
        this.actor = actor;
        this.m = Messages.of(actor.language());
        this.context = new ParseContext(today, actor.zone(), actor.platformUserId(), Map.of());
        for (Member member : members) {
            if (member.displayName() != null) {
                owners.putIfAbsent(member.displayName().trim().toLowerCase(Locale.ROOT), member);
            }
            owners.putIfAbsent(member.platformUserId().toLowerCase(Locale.ROOT), member);
        }
    }

    /**
     * The first non-blank cell mapped to {@code field}, trimmed, without the apostrophe that Pacer's export (and a
     * spreadsheet) puts before a cell that would otherwise run as a formula ({@code '+1 415…}, {@code '=Co}); null
     * when none.
     */
    private String value(List<String> cells, Field field) {
        for (int i = 0; i < mapping.size() && i < cells.size(); i++) {
            if (mapping.get(i) == field && !cells.get(i).isBlank()) {
                return unguarded(cells.get(i).strip());
            }
        }
        return null;
    }

    static String unguarded(String cell) {
        return cell.length() > 1 && cell.charAt(0) == '\'' && "=+-@\t\r".indexOf(cell.charAt(1)) >= 0 ? cell.substring(1) : cell;
    }

    Result check(List<String> cells) {
        List<String> errors = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        String name = value(cells, Field.NAME);
        if (name == null) {
            String first = value(cells, Field.FIRST_NAME);
            String last = value(cells, Field.LAST_NAME);
            if (first != null || last != null) {
                boolean chinese = (last != null && last.codePoints().anyMatch(RowCheck::han))
                        || (first != null && first.codePoints().anyMatch(RowCheck::han));
                name = chinese ? (last == null ? "" : last) + (first == null ? "" : first)
                        : ((first == null ? "" : first) + " " + (last == null ? "" : last)).trim();
            }
        }
        String company = text(value(cells, Field.COMPANY), COMPANY, "company", warnings);
        if (name == null) {
            name = company;
        }
        if (name == null) {
            errors.add(m.get("import.problem.no_name"));
        }
        name = text(name, NAME, "name", warnings);
        String email = value(cells, Field.EMAIL);
        if (email != null && !Contacts.validEmail(email)) {
            errors.add(plain(new ArgError("error.email", shortened(email))));
            email = null;
        }
        String phone = value(cells, Field.PHONE);
        if (phone == null) {
            phone = value(cells, Field.MOBILE);
        }
        if (phone != null && !Contacts.validPhone(phone)) {
            errors.add(plain(new ArgError("error.phone", shortened(phone))));
            phone = null;
        }
        String wechat = text(value(cells, Field.WECHAT), WECHAT, "wechat", warnings);
        String source = text(value(cells, Field.SOURCE), SOURCE, "source", warnings);
        String stage = null;
        String typedStage = value(cells, Field.STAGE);
        if (typedStage != null) {
            stage = stage(typedStage);
            if (stage == null) {
                errors.add(m.get("import.problem.stage", shortened(typedStage), String.join(", ",
                        stages.stream().map(s -> s.name(m.language())).toList())));
            }
        }
        BigDecimal value = null;
        String typedValue = value(cells, Field.VALUE);
        if (typedValue != null) {
            try {
                value = AMOUNT.parse(MONEY_DECORATION.matcher(typedValue.strip()).replaceAll(""), context);
            } catch (ArgError e) {
                errors.add(m.get("import.problem.value", shortened(typedValue)));
            }
        }
        LocalDate next = date(value(cells, Field.NEXT), errors);
        LocalDate close = date(value(cells, Field.CLOSE), errors);
        String lostReason = text(value(cells, Field.LOST_REASON), LOST_REASON, "lost_reason", warnings);
        String note = text(value(cells, Field.NOTES), NOTE, "notes", warnings);
        long owner = actor.id();
        String typedOwner = value(cells, Field.OWNER);
        if (typedOwner != null) {
            Member found = owners.get(typedOwner.toLowerCase(Locale.ROOT));
            if (found == null) {
                warnings.add(m.get("import.problem.owner", shortened(typedOwner)));
            } else if (!found.id().equals(actor.id()) && !actor.role().atLeast(Role.MANAGER)) {
                warnings.add(m.get("import.problem.owner_rep", shortened(typedOwner)));
            } else {
                owner = found.id();
            }
        }
        LeadDraft draft = new LeadDraft(name, company, email, phone, wechat, source, stage, value, next, close, lostReason,
                owner, note);
        return new Result(draft, errors, warnings);
    }

    private static boolean han(int cp) {
        return Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN;
    }

    /** Cut to the column's limit, with a warning. */
    private String text(String value, int max, String field, List<String> warnings) {
        if (value == null || value.length() <= max) {
            return value;
        }
        warnings.add(m.get("import.problem.cut", m.get("import.field." + field), max));
        return value.substring(0, max);
    }

    private String stage(String typed) {
        for (Stage s : stages) {
            if (s.matches(typed)) {
                return s.key();
            }
        }
        String alias = STAGE_ALIASES.get(typed.strip().toLowerCase(Locale.ROOT));
        return alias != null && stages.stream().anyMatch(s -> s.key().equals(alias)) ? alias : null;
    }

    /** ISO (time after it ignored), 2026/12/1, 2026年12月1日, US month/day/year as US CRMs export, the words lead add takes. */
    LocalDate date(String typed, List<String> errors) {
        if (typed == null) {
            return null;
        }
        String t = typed.strip();
        Matcher iso = ISO_PREFIX.matcher(t);
        if (iso.matches()) {
            t = iso.group(1);
        }
        Matcher chinese = CHINESE_DATE.matcher(t);
        if (chinese.matches()) {
            t = chinese.group(1) + "-" + chinese.group(2) + "-" + chinese.group(3);
        }
        Matcher us = US_DATE.matcher(t.split(" ")[0]);
        if (us.matches()) {
            try {
                int year = Integer.parseInt(us.group(3));
                return LocalDate.of(year < 100 ? 2000 + year : year, Integer.parseInt(us.group(1)),
                        Integer.parseInt(us.group(2)));
            } catch (java.time.DateTimeException e) {
                errors.add(m.get("import.problem.date", shortened(typed)));
                return null;
            }
        }
        try {
            return DATE.parse(t, context);
        } catch (ArgError | DateTimeParseException e) {
            errors.add(m.get("import.problem.date", shortened(typed)));
            return null;
        }
    }

    private String plain(ArgError e) {
        return Markdown.plain(e.message(m));
    }

    private static String shortened(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "…" : text;
    }

}
