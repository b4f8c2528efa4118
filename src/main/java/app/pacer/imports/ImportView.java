package app.pacer.imports;

import app.pacer.core.org.Member;
import app.pacer.core.org.MemberRepository;
import app.pacer.core.reply.Language;
import app.pacer.core.reply.Markdown;
import app.pacer.core.reply.Messages;
import app.pacer.leads.LeadDraft;
import app.pacer.leads.Stage;
import app.pacer.leads.Stages;
import com.google.common.escape.Escaper;
import com.google.common.html.HtmlEscapers;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The import page, server-rendered in the member's language, the same for Slack and Teams users: choose a file;
 * then map columns, pick what duplicates do and see the preview; then progress; then the result. Works without
 * JavaScript (the progress page also refreshes itself); everything shown is escaped.
 */
@ApplicationScoped
public class ImportView {

    private static final Escaper HTML = HtmlEscapers.htmlEscaper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final MemberRepository members;
    private final Stages stages;

    public ImportView(MemberRepository members, Stages stages) {
        this.members = members;
        this.stages = stages;
    }

    /** A rendered page: status, HTML and the script nonce its CSP allows. */
    record Page(int status, String html, String nonce) {
        Page withStatus(int other) {
            return new Page(other, html, nonce);
        }
    }

    Messages messages(Imports.Job job) {
        return QuarkusTransaction.requiringNew().call(() -> Messages.of(members.findById(job.memberId()).language()));
    }

    Page upload(Imports.Job job, String error) {
        Messages m = messages(job);
        String body = "<p>" + esc(m.get("page.import.intro")) + "</p>"
                + (error == null ? "" : "<p class=\"error\" role=\"alert\" id=\"error\">" + esc(error) + "</p>")
                + "<form method=\"post\" enctype=\"multipart/form-data\" action=\"/imports/" + esc(job.token()) + "/upload\">"
                + "<label for=\"file\" class=\"block\">" + esc(m.get("page.import.file")) + "</label>"
                + "<input type=\"file\" id=\"file\" name=\"file\" required accept=\".csv,.txt,.tsv,.xlsx,text/csv,"
                + "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\">"
                + "<button type=\"submit\" id=\"upload\">" + esc(m.get("page.import.upload")) + "</button></form>"
                + "<p class=\"hint\">" + esc(m.get("page.import.formats")) + "</p>";
        return page(error == null ? 200 : 400, m, body, null);
    }

    Page mapping(Imports.Job job, Imports.Preview preview, List<String> firstRow, String error) {
        Messages m = messages(job);
        Map<Long, String> owners = new HashMap<>();
        Map<String, Stage> byKey = new HashMap<>();
        QuarkusTransaction.requiringNew().run(() -> {
            members.inWorkspace(job.workspaceId()).forEach(mm -> owners.put(mm.id(), mm.displayName()));
            stages.of(job.workspaceId()).forEach(s -> byKey.put(s.key(), s));
        });
        StringBuilder b = new StringBuilder();
        b.append("<p class=\"file\">").append(esc(m.get("page.import.file_read", job.filename(), job.format(), job.total())))
                .append("</p>");
        if (error != null) {
            b.append("<p class=\"error\" role=\"alert\" id=\"error\">").append(esc(error)).append("</p>");
        }
        b.append("<form method=\"post\" action=\"/imports/").append(esc(job.token())).append("/map\" id=\"mapping\">");
        b.append("<h2>").append(esc(m.get("page.import.columns"))).append("</h2><table class=\"map\"><thead><tr><th>")
                .append(esc(m.get("page.import.column"))).append("</th><th>").append(esc(m.get("page.import.example")))
                .append("</th><th>").append(esc(m.get("page.import.becomes"))).append("</th></tr></thead><tbody>");
        for (int i = 0; i < job.headers().size(); i++) {
            Field chosen = i < job.mapping().size() ? job.mapping().get(i) : Field.IGNORE;
            String example = i < firstRow.size() ? firstRow.get(i) : "";
            b.append("<tr><td>").append(esc(job.headers().get(i))).append("</td><td class=\"example\">")
                    .append(esc(example.length() > 40 ? example.substring(0, 40) + "…" : example))
                    .append("</td><td><select name=\"col").append(i).append("\" id=\"col").append(i).append("\">");
            for (Field f : Field.values()) {
                b.append("<option value=\"").append(f.key()).append('"').append(f == chosen ? " selected" : "").append('>')
                        .append(esc(m.get("import.field." + f.key()))).append("</option>");
            }
            b.append("</select></td></tr>");
        }
        b.append("</tbody></table>");
        b.append("<fieldset><legend>").append(esc(m.get("page.import.duplicates"))).append("</legend>");
        for (Imports.Duplicates d : Imports.Duplicates.values()) {
            String id = "dup-" + d.name().toLowerCase(java.util.Locale.ROOT);
            b.append("<label class=\"choice\"><input type=\"radio\" name=\"duplicates\" id=\"").append(id).append("\" value=\"")
                    .append(d.name()).append('"').append(d == job.duplicates() ? " checked" : "").append("> ")
                    .append(esc(m.get("page.import.duplicates." + d.name().toLowerCase(java.util.Locale.ROOT))))
                    .append("</label>");
        }
        b.append("</fieldset>");
        b.append("<div class=\"buttons\"><button type=\"submit\" name=\"action\" value=\"preview\" class=\"secondary\" id=\"refresh\">")
                .append(esc(m.get("page.import.refresh"))).append("</button>");
        b.append("<button type=\"submit\" name=\"action\" value=\"import\" id=\"confirm\"").append(preview.nameMapped() ? "" : " disabled")
                .append('>').append(esc(m.get("page.import.confirm", preview.total() - preview.errorRows()))).append("</button>");
        b.append("<button type=\"submit\" name=\"action\" value=\"restart\" class=\"link\" formnovalidate id=\"restart\">")
                .append(esc(m.get("page.import.other_file"))).append("</button></div></form>");
        b.append("<h2>").append(esc(m.get("page.import.preview"))).append("</h2>");
        b.append("<p id=\"summary\">").append(esc(m.get("page.import.summary", preview.total(), preview.errorRows(),
                preview.warningRows(), preview.duplicates()))).append("</p>");
        if (!preview.nameMapped()) {
            b.append("<p class=\"error\" role=\"alert\">").append(esc(m.get("page.import.no_name"))).append("</p>");
        }
        b.append("<div class=\"scroll\"><table class=\"preview\" id=\"preview\"><thead><tr><th>#</th>");
        for (String f : List.of("name", "company", "email", "phone", "wechat", "source", "stage", "value", "next", "close",
                "owner", "notes")) {
            b.append("<th>").append(esc(m.get("import.field." + f))).append("</th>");
        }
        b.append("<th>").append(esc(m.get("page.import.problems"))).append("</th></tr></thead><tbody>");
        for (Imports.PreviewRow row : preview.first()) {
            LeadDraft d = row.draft();
            Stage stage = d.stageKey() == null ? byKey.get("new") : byKey.get(d.stageKey());
            b.append("<tr").append(row.errors().isEmpty() ? "" : " class=\"bad\"").append("><td>").append(row.rowNo()).append("</td>");
            for (Object v : new Object[] {d.name(), d.company(), d.email(), d.phone(), d.wechat(), d.source(),
                    stage == null ? "" : stage.name(m.language()), d.value() == null ? "" : d.value().stripTrailingZeros().toPlainString(),
                    d.nextFollowUp(), d.expectedClose(), owners.get(d.ownerId()), d.note() == null ? "" : short40(d.note())}) {
                b.append("<td>").append(esc(v == null ? "" : v.toString())).append("</td>");
            }
            b.append("<td>").append(esc(problems(row))).append("</td></tr>");
        }
        b.append("</tbody></table></div>");
        if (!preview.problems().isEmpty()) {
            b.append("<h2>").append(esc(m.get("page.import.problem_rows"))).append("</h2><ul class=\"problems\" id=\"problems\">");
            for (Imports.PreviewRow row : preview.problems()) {
                b.append("<li>").append(esc(m.get("page.import.row", row.rowNo()))).append(' ').append(esc(problems(row)))
                        .append("</li>");
            }
            b.append("</ul>");
            if (preview.problems().size() >= Imports.PROBLEMS_SHOWN) {
                b.append("<p class=\"hint\">").append(esc(m.get("page.import.more_problems", Imports.PROBLEMS_SHOWN))).append("</p>");
            }
        }
        return page(error == null ? 200 : 400, m, b.toString(), null);
    }

    private static String short40(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    private static String problems(Imports.PreviewRow row) {
        StringBuilder s = new StringBuilder();
        for (String e : row.errors()) {
            s.append("✗ ").append(Markdown.plain(e)).append(' ');
        }
        if (row.duplicate() != null) {
            s.append("⚠ ").append(row.duplicate()).append(' ');
        }
        for (String w : row.warnings()) {
            s.append("⚠ ").append(w).append(' ');
        }
        return s.toString().trim();
    }

    Page progress(Imports.Job job) {
        Messages m = messages(job);
        String nonce = nonce();
        String body = "<p id=\"state\">" + esc(m.get("page.import.running")) + "</p>"
                + "<progress id=\"bar\" max=\"" + Math.max(1, job.total()) + "\" value=\"" + job.done() + "\"></progress>"
                + "<p id=\"counts\">" + esc(m.get("page.import.counts", job.done(), job.total(), job.added(), job.updated(),
                job.skipped(), job.failed())) + "</p>"
                + "<p class=\"hint\">" + esc(m.get("page.import.leave")) + "</p>"
                + "<noscript><meta http-equiv=\"refresh\" content=\"3\"></noscript>"
                + "<script nonce=\"" + nonce + "\">(function(){var t=" + json(m.get("page.import.counts")) + ";"
                + "function f(){fetch('/imports/" + esc(job.token()) + "/progress',{cache:'no-store'}).then(function(r){return r.json();})"
                + ".then(function(p){document.getElementById('bar').max=Math.max(1,p.total);document.getElementById('bar').value=p.done;"
                + "document.getElementById('counts').textContent=t.replace('{0}',p.done).replace('{1}',p.total).replace('{2}',p.added)"
                + ".replace('{3}',p.updated).replace('{4}',p.skipped).replace('{5}',p.failed);"
                + "if(p.state==='DONE'||p.state==='UNDONE'){location.reload();}else{setTimeout(f,1000);}})"
                + ".catch(function(){setTimeout(f,3000);});}setTimeout(f,500);})();</script>";
        return page(200, m, body, nonce);
    }

    Page done(Imports.Job job) {
        Messages m = messages(job);
        String body = "<p class=\"notice\" id=\"done\">✅ " + esc(Markdown.plain(m.get("import.done", "#" + job.id(), job.added(),
                job.updated(), job.skipped(), job.failed()))) + "</p>"
                + (job.failuresToken() == null ? "" : "<p><a id=\"failures\" href=\"/imports/" + esc(job.token())
                + "/failures.csv\">" + esc(m.get("import.done.failures")) + "</a></p>")
                + "<p class=\"hint\">" + esc(Markdown.plain(m.get("import.done.undo", "lead import undo " + job.id()))) + "</p>";
        return page(200, m, body, null);
    }

    Page undone(Imports.Job job) {
        Messages m = messages(job);
        return page(200, m, "<p class=\"notice\">" + esc(m.get("page.import.undone", "#" + job.id())) + "</p>", null);
    }

    Page tooLarge(Imports.Job job) {
        Messages m = messages(job);
        return upload(job, m.get("import.error.too_large", 50)).withStatus(413);
    }

    private static String json(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' || c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

    private static String nonce() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }

    private static Page page(int status, Messages m, String body, String nonce) {
        String html = "<!DOCTYPE html><html lang=\"" + (m.language() == Language.ZH ? "zh-CN" : "en") + "\"><head>"
                + "<meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + esc(m.get("page.import.title")) + "</title><style>" + STYLE + "</style></head><body><main>"
                + "<h1>" + esc(m.get("page.import.title")) + "</h1>" + body + "</main></body></html>";
        return new Page(status, html, nonce);
    }

    /** The headers every import page carries. */
    static String csp(String nonce) {
        return "default-src 'none'; style-src 'unsafe-inline'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
                + "base-uri 'none'" + (nonce == null ? "" : "; script-src 'nonce-" + nonce + "'");
    }

    static String notFound() {
        return "This import link has expired or does not exist. Type lead import in Pacer for a new one.\n"
                + "此导入链接已过期或不存在,请在 Pacer 中输入「客户 导入」获取新链接。\n";
    }

    private static String esc(String text) {
        return HTML.escape(text == null ? "" : text);
    }

    private static final String STYLE = String.join("", List.of(
            "body{font-family:system-ui,-apple-system,'PingFang SC','Microsoft YaHei',sans-serif;margin:0;background:#f6f7f9;color:#1d1c1d}",
            "main{max-width:64rem;margin:0 auto;padding:1.5rem 1rem}h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:1.5rem}",
            "table{border-collapse:collapse;background:#fff;font-size:.9rem}th,td{border:1px solid #d8dbe0;padding:.3rem .5rem;text-align:left;vertical-align:top}",
            ".scroll{overflow-x:auto}tr.bad td{background:#fdecee}.example{color:#616061}",
            "label.block{display:block;margin:.5rem 0 .25rem}label.choice{display:block;margin:.25rem 0}",
            "fieldset{border:1px solid #d8dbe0;margin:1rem 0;background:#fff}.buttons{display:flex;gap:.5rem;flex-wrap:wrap}",
            "button{padding:.6rem 1rem;font-size:1rem;border:0;border-radius:.4rem;background:#007a5a;color:#fff;cursor:pointer}",
            "button.secondary{background:#1264a3}button.link{background:none;color:#1264a3;text-decoration:underline}",
            "button[disabled]{background:#9aa0a6}progress{width:100%;height:1.5rem}",
            ".error{color:#b00020;font-weight:600}.notice{font-size:1.1rem}.hint{color:#616061;font-size:.9rem}"));
}
