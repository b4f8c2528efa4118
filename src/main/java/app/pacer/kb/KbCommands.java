package app.pacer.kb;

import app.pacer.core.command.ArgError;
import app.pacer.core.command.ArgSpec;
import app.pacer.core.command.ArgTypes;
import app.pacer.core.command.CommandProvider;
import app.pacer.core.command.CommandSpec;
import app.pacer.core.command.Invocation;
import app.pacer.core.org.Member;
import app.pacer.core.org.MemberRepository;
import app.pacer.core.org.Platform;
import app.pacer.core.org.Role;
import app.pacer.core.reply.ActionRef;
import app.pacer.core.reply.Block;
import app.pacer.core.reply.Button;
import app.pacer.core.reply.Form;
import app.pacer.core.reply.Markdown;
import app.pacer.core.reply.Messages;
import app.pacer.core.reply.Reply;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code kb <query>} and {@code kb add|edit|show|remove|gaps|import|settings}: the team's answers one command
 * away. A query whose first word names a sub-command ({@code kb import duties}) runs that sub-command; quoting
 * the query ({@code kb "import duties"}) searches for it.
 */
@ApplicationScoped
public class KbCommands implements CommandProvider {

    static final int PAGE = 5;
    static final int QUERY_MAX = 200;
    /** Slack's plain-text input holds at most 3000 characters: longer bodies are not put into a Slack form. */
    static final int SLACK_INPUT_MAX = 3000;
    static final Duration GAPS_WINDOW = Duration.ofDays(30);

    private final KbService kb;
    private final KbSearch search;
    private final KbImport importer;
    private final MemberRepository members;

    public KbCommands(KbService kb, KbSearch search, KbImport importer, MemberRepository members) {
        this.kb = kb;
        this.search = search;
        this.importer = importer;
        this.members = members;
    }

    @Override
    public List<CommandSpec> commands() {
        ArticleNumberArg number = new ArticleNumberArg();
        return List.of(
                CommandSpec.command("kb", "kb", "知识", "knowledge", "wiki")
                        .arg(ArgSpec.optional("query", ArgTypes.text("arg.kb_query"))).handler(this::searchOrOverview),
                CommandSpec.command("kb.add", "add", "添加", "新增")
                        .arg(ArgSpec.optional("title", ArgTypes.text("arg.kb_title")))
                        .arg(ArgSpec.option("body", ArgTypes.text("arg.kb_body")))
                        .arg(ArgSpec.option("tags", ArgTypes.text("arg.kb_tags")))
                        .form(this::addForm).handler(this::add),
                CommandSpec.command("kb.edit", "edit", "编辑", "修改")
                        .arg(ArgSpec.required("article", number))
                        .arg(ArgSpec.option("title", ArgTypes.text("arg.kb_title")))
                        .arg(ArgSpec.option("body", ArgTypes.text("arg.kb_body")))
                        .arg(ArgSpec.option("tags", ArgTypes.text("arg.kb_tags")))
                        .form(this::editForm).handler(this::edit),
                CommandSpec.command("kb.show", "show", "查看", "打开")
                        .arg(ArgSpec.required("article", number))
                        .arg(ArgSpec.option("q", ArgTypes.text("arg.kb_query"))).handler(this::show),
                CommandSpec.command("kb.remove", "remove", "删除", "delete").role(Role.ADMIN)
                        .arg(ArgSpec.required("article", number)).handler(this::remove),
                CommandSpec.command("kb.gaps", "gaps", "缺口", "未解答").role(Role.MANAGER).handler(this::gaps),
                CommandSpec.command("kb.import", "import", "导入").role(Role.ADMIN).handler(this::importFolder),
                CommandSpec.command("kb.settings", "settings", "设置").role(Role.ADMIN)
                        .arg(ArgSpec.option("open", ArgTypes.word("arg.yes_no"))).handler(this::settings),
                CommandSpec.command("kb.more", "more", "更多").hidden()
                        .arg(ArgSpec.required("query", ArgTypes.text("arg.kb_query")))
                        .arg(ArgSpec.option("page", ArgTypes.word("arg.kb_page"))).handler(this::more),
                CommandSpec.command("kb.vote", "vote", "投票").hidden()
                        .arg(ArgSpec.required("article", number))
                        .arg(ArgSpec.required("helpful", ArgTypes.word("arg.yes_no")))
                        .arg(ArgSpec.option("q", ArgTypes.text("arg.kb_query"))).handler(this::vote),
                CommandSpec.command("kb.verify", "verify", "核实").hidden()
                        .arg(ArgSpec.required("article", number)).handler(this::verify));
    }

    /** The member's workspace, given its starter articles on first use. */
    private Long workspace(Invocation invocation) {
        Long ws = invocation.member().workspaceId();
        importer.ensureSeeded(ws);
        return ws;
    }

    // --- search -------------------------------------------------------------------------------------------

    private Reply searchOrOverview(Invocation invocation) {
        Long ws = workspace(invocation);
        Optional<String> query = invocation.arg("query", String.class).map(String::strip).filter(q -> !q.isEmpty());
        if (query.isEmpty()) {
            return overview(invocation, ws);
        }
        String q = query.get().length() > QUERY_MAX ? query.get().substring(0, QUERY_MAX) : query.get();
        if (KbSearch.tokens(q).isEmpty()) {
            throw new ArgError("error.kb.query_empty");
        }
        return results(invocation, ws, q, 1, true);
    }

    private Reply more(Invocation invocation) {
        Long ws = workspace(invocation);
        String q = invocation.required("query", String.class).strip();
        int page = invocation.arg("page", String.class).filter(p -> p.matches("\\d{1,3}")).map(Integer::parseInt).orElse(2);
        return results(invocation, ws, q.length() > QUERY_MAX ? q.substring(0, QUERY_MAX) : q, Math.max(1, page), false);
    }

    private Reply results(Invocation invocation, Long ws, String q, int page, boolean firstAsk) {
        Member actor = invocation.member();
        Messages m = invocation.messages();
        KbSearch.Result result = search.search(ws, q, (page - 1) * PAGE, PAGE);
        String shown = KbView.escape(q);
        if (result.articles().isEmpty()) {
            if (firstAsk) {
                kb.recordMiss(actor, q, "none", invocation.now());
            }
            List<Block> blocks = new ArrayList<>();
            blocks.add(new Block.Text("🔍 " + m.get(page > 1 ? "kb.search.no_more" : "kb.search.none", shown)));
            if (page == 1) {
                blocks.add(new Block.Context(m.get("kb.search.noted")));
                if (kb.mayAdd(actor)) {
                    blocks.add(new Block.Actions(List.of(Button.of(m.get("kb.button.write"), ActionRef.of("kb.add", Map.of("title", q))))));
                }
            }
            return Reply.message(Markdown.plain(m.get("kb.search.none", q)), blocks);
        }
        List<Block> blocks = new ArrayList<>();
        String title = m.get("kb.search.title", q);
        blocks.add(new Block.Header(title));
        if (result.relaxed() && page == 1) {
            blocks.add(new Block.Context(m.get("kb.search.relaxed")));
        }
        List<Button> open = new ArrayList<>();
        for (Article article : result.articles()) {
            blocks.add(new Block.Text(KbView.result(article, result.terms(), invocation.now(), m)));
            Map<String, String> args = new LinkedHashMap<>();
            args.put("article", String.valueOf(article.number()));
            args.put("q", q);
            open.add(Button.of(m.get("kb.button.open", "#" + article.number()), ActionRef.of("kb.show", args)));
        }
        blocks.add(new Block.Actions(open));
        if (result.more()) {
            Map<String, String> args = new LinkedHashMap<>();
            args.put("query", q);
            args.put("page", String.valueOf(page + 1));
            blocks.add(new Block.Actions(List.of(Button.primary(m.get("kb.button.more"), ActionRef.of("kb.more", args)))));
        }
        return Reply.message(title, blocks);
    }

    private Reply overview(Invocation invocation, Long ws) {
        Messages m = invocation.messages();
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block.Header(m.get("kb.title")));
        blocks.add(new Block.Text(m.get("kb.overview", String.valueOf(kb.count(ws)))));
        List<String> recent = kb.recent(ws, 5).stream()
                .map(a -> "**" + KbView.titleMarkdown(a) + "** — " + KbView.age(a.updatedAt(), invocation.now(), m)).toList();
        if (!recent.isEmpty()) {
            blocks.add(new Block.Text(m.get("kb.recent")));
            blocks.add(new Block.Bullets(recent));
        }
        blocks.add(new Block.Context(m.get("kb.overview.hint")));
        if (kb.mayAdd(invocation.member())) {
            blocks.add(new Block.Actions(List.of(Button.of(m.get("kb.button.add"), ActionRef.of("kb.add")))));
        }
        return Reply.message(m.get("kb.title"), blocks);
    }

    // --- writing ------------------------------------------------------------------------------------------

    private Form addForm(Invocation invocation) {
        Messages m = invocation.messages();
        return new Form(ActionRef.of("kb.add"), m.get("kb.form.add_title"), m.get("form.save"), inputs(m, null, null, null, null));
    }

    private static List<Form.Input> inputs(Messages m, String title, String body, String tags, String bodyHint) {
        return List.of(
                new Form.Input("title", m.get("kb.field.title"), Form.Input.Kind.TEXT, true, title, null, null),
                new Form.Input("body", m.get("kb.field.body"), Form.Input.Kind.MULTILINE, bodyHint == null, body,
                        bodyHint != null ? bodyHint : m.get("kb.field.body_hint"), null),
                new Form.Input("tags", m.get("kb.field.tags"), Form.Input.Kind.TEXT, false, tags, m.get("kb.field.tags_hint"), null));
    }

    private Form editForm(Invocation invocation) {
        Messages m = invocation.messages();
        int number = invocation.arg("article", Integer.class)
                .orElseThrow(() -> new ArgError("error.missing_argument", new ArgError.Key("arg.kb_article")));
        Article article = editable(invocation, number);
        boolean bodyFits = invocation.platform() != Platform.SLACK || article.body().length() <= SLACK_INPUT_MAX;
        return new Form(ActionRef.of("kb.edit", Map.of("article", String.valueOf(number))),
                m.get("kb.form.edit_title", "#" + number), m.get("form.save"),
                inputs(m, article.title(), bodyFits ? article.body() : null, article.tags(),
                        bodyFits ? null : m.get("kb.field.body_too_long", String.valueOf(article.body().length()))));
    }

    private Article editable(Invocation invocation, int number) {
        Article article = kb.require(invocation.member().workspaceId(), number);
        if (!KbService.mayEdit(invocation.member(), article)) {
            throw new ArgError("error.kb.not_editor", "#" + number);
        }
        return article;
    }

    private static Optional<String> text(Invocation invocation, String name) {
        return invocation.arg(name, String.class).map(String::strip).filter(s -> !s.isEmpty());
    }

    private Reply add(Invocation invocation) {
        Member actor = invocation.member();
        Long ws = workspace(invocation);
        if (!kb.mayAdd(actor)) {
            throw new ArgError("error.kb.add_closed");
        }
        Optional<String> title = text(invocation, "title");
        Optional<String> body = text(invocation, "body");
        Optional<String> tags = text(invocation, "tags");
        if (body.isEmpty() && invocation.source() != Invocation.Source.FORM) {
            // "kb add <title>", or the "write it" button of a search without results: the rest in the form
            Map<String, String> values = new LinkedHashMap<>();
            title.ifPresent(t -> values.put("title", t));
            tags.ifPresent(t -> values.put("tags", t));
            return new Reply.OpenForm(addForm(invocation).withValues(values));
        }
        Content content = validate(title, body, tags);
        Article article = kb.create(ws, actor.id(), content.title, content.body, content.tags, null, invocation.now());
        return saved(invocation, article, "kb.added");
    }

    private Reply edit(Invocation invocation) {
        int number = invocation.required("article", Integer.class);
        workspace(invocation);
        Article article = editable(invocation, number);
        Optional<String> title = text(invocation, "title");
        Optional<String> body = text(invocation, "body");
        Optional<String> tags = text(invocation, "tags");
        boolean form = invocation.source() == Invocation.Source.FORM;
        if (!form && title.isEmpty() && body.isEmpty() && tags.isEmpty()) {
            return new Reply.OpenForm(editForm(invocation));
        }
        // a submitted form carries every input: an empty tags input clears them; an empty body (one too long
        // for the form) keeps it
        Content content = validate(form ? title : title.or(() -> Optional.of(article.title())),
                body.or(() -> Optional.of(article.body())), form ? tags : tags.or(() -> Optional.of(article.tags())));
        kb.update(article, content.title, content.body, content.tags, null, invocation.now());
        return saved(invocation, article, "kb.updated_article");
    }

    private record Content(String title, String body, String tags) {
    }

    private static Content validate(Optional<String> title, Optional<String> body, Optional<String> tags) {
        String t = title.orElseThrow(() -> new ArgError("error.kb.title").on("title")).replaceAll("\\s+", " ");
        if (t.length() > Article.TITLE_MAX) {
            throw new ArgError("error.text.too_long", Article.TITLE_MAX).on("title");
        }
        String b = body.orElseThrow(() -> new ArgError("error.kb.body").on("body"));
        if (b.length() > Article.BODY_MAX) {
            throw new ArgError("error.text.too_long", Article.BODY_MAX).on("body");
        }
        String g = KbImport.tags(tags.orElse(""));
        if (g.length() > Article.TAGS_MAX) {
            throw new ArgError("error.text.too_long", Article.TAGS_MAX).on("tags");
        }
        return new Content(t, b, g);
    }

    private Reply saved(Invocation invocation, Article article, String key) {
        Messages m = invocation.messages();
        String text = "✅ " + m.get(key, "#" + article.number(), KbView.escape(article.title()));
        return Reply.message(text, List.of(new Block.Text(text), new Block.Actions(List.of(Button.of(
                m.get("kb.button.open", "#" + article.number()),
                ActionRef.of("kb.show", Map.of("article", String.valueOf(article.number()))))))));
    }

    // --- one article ----------------------------------------------------------------------------------------

    private Reply show(Invocation invocation) {
        Member actor = invocation.member();
        Long ws = workspace(invocation);
        Article article = kb.require(ws, invocation.required("article", Integer.class));
        return KbView.card(article, name(article.authorId()), name(article.verifiedBy()), KbService.mayEdit(actor, article),
                KbService.mayEdit(actor, article), invocation.arg("q", String.class).orElse(null), invocation.now(), actor.zone(),
                invocation.messages());
    }

    private String name(Long memberId) {
        if (memberId == null) {
            return null;
        }
        Member member = members.findById(memberId);
        return member == null ? null : member.displayName();
    }

    private Reply remove(Invocation invocation) {
        Long ws = workspace(invocation);
        Article article = kb.require(ws, invocation.required("article", Integer.class));
        String title = KbView.title(article);
        kb.remove(article);
        return Reply.text("🗑️ " + invocation.messages().get("kb.removed", KbView.escape(title)));
    }

    private Reply verify(Invocation invocation) {
        Long ws = workspace(invocation);
        Article article = editable(invocation, invocation.required("article", Integer.class));
        kb.verify(article, invocation.member(), invocation.now());
        return Reply.text("✅ " + invocation.messages().get("kb.verified", "#" + article.number()));
    }

    private Reply vote(Invocation invocation) {
        Long ws = workspace(invocation);
        Messages m = invocation.messages();
        Article article = kb.require(ws, invocation.required("article", Integer.class));
        boolean helpful = yes(invocation.required("helpful", String.class));
        kb.vote(article, invocation.member(), helpful, invocation.arg("q", String.class).orElse(null), invocation.now());
        return Reply.text(helpful ? "👍 " + m.get("kb.voted.helpful", "#" + article.number())
                : "📝 " + m.get("kb.voted.unhelpful", "#" + article.number()));
    }

    static boolean yes(String word) {
        String w = word.strip().toLowerCase(Locale.ROOT);
        if (w.matches("yes|y|true|on|1|open|是|对|开|开启|有用")) {
            return true;
        }
        if (w.matches("no|n|false|off|0|closed|否|不|关|关闭|没用|无用")) {
            return false;
        }
        throw new ArgError("error.kb.yes_no", word);
    }

    // --- managers and admins ------------------------------------------------------------------------------

    private Reply gaps(Invocation invocation) {
        Long ws = workspace(invocation);
        Messages m = invocation.messages();
        List<KbService.Gap> gaps = kb.gaps(ws, invocation.now().minus(GAPS_WINDOW), 10);
        String title = m.get("kb.gaps.title");
        if (gaps.isEmpty()) {
            return Reply.message(title, List.of(new Block.Header(title), new Block.Text(m.get("kb.gaps.none"))));
        }
        List<String> lines = gaps.stream().map(g -> "**" + KbView.escape(g.query()) + "** — "
                + m.get("kb.gaps.line", String.valueOf(g.times()), String.valueOf(g.people()), String.valueOf(g.noResult()))).toList();
        return Reply.message(title, List.of(new Block.Header(title), new Block.Bullets(lines), new Block.Context(m.get("kb.gaps.hint"))));
    }

    private Reply importFolder(Invocation invocation) {
        Long ws = workspace(invocation);
        Messages m = invocation.messages();
        var dir = importer.importDir().orElseThrow(() -> new ArgError("error.kb.import_unset"));
        KbImport.Report report = importer.importDir(ws, dir, invocation.now());
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block.Text("📥 " + m.get("kb.imported.summary", String.valueOf(report.added()),
                String.valueOf(report.updated()), String.valueOf(report.unchanged()), "`" + dir + "`")));
        if (!report.skipped().isEmpty()) {
            blocks.add(new Block.Text(m.get("kb.imported.skipped", String.valueOf(report.skipped().size()))));
            blocks.add(new Block.Bullets(report.skipped().stream().limit(20).map(KbView::escape).toList()));
        }
        return Reply.message(m.get("kb.imported.summary", report.added(), report.updated(), report.unchanged(), dir), blocks);
    }

    private Reply settings(Invocation invocation) {
        Long ws = workspace(invocation);
        Messages m = invocation.messages();
        Optional<String> open = invocation.arg("open", String.class);
        open.ifPresent(o -> kb.setOpen(ws, yes(o)));
        KbService.Settings settings = kb.settings(ws);
        String text = (open.isPresent() ? "✅ " : "") + m.get(settings.open() ? "kb.settings.open" : "kb.settings.closed");
        String folder = importer.importDir().map(p -> "`" + p + "`").orElse(m.get("kb.settings.no_folder"));
        return Reply.message(text, List.of(new Block.Header(m.get("kb.settings.title")), new Block.Text(text),
                new Block.Context(m.get("kb.settings.folder", folder) + " · " + m.get("kb.settings.count", String.valueOf(kb.count(ws))))));
    }
}
