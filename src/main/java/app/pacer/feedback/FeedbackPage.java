package app.pacer.feedback;

import app.pacer.config.PacerConfig;
import app.pacer.core.org.Member;
import app.pacer.core.org.MemberRepository;
import app.pacer.core.org.WorkspaceRepository;
import app.pacer.core.reply.Language;
import app.pacer.core.reply.Messages;
import com.google.common.escape.Escaper;
import com.google.common.html.HtmlEscapers;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The page a customer opens from a personal link: one question (CSAT or NPS) and an optional comment, in
 * Chinese or English (from {@code Accept-Language}, switchable), without JavaScript. Everything shown is
 * escaped; the form carries a token bound to a cookie (double submit) so another site cannot post it; a used,
 * expired or unknown link gets a polite page, never an error.
 */
@Path("/f/{token}")
public class FeedbackPage {

    static final String COOKIE = "pacer_fb";
    private static final Escaper HTML = HtmlEscapers.htmlEscaper();

    private final FeedbackService feedback;
    private final LinkTokens tokens;
    private final MemberRepository members;
    private final WorkspaceRepository workspaces;
    private final PacerConfig config;
    private final Clock clock;

    public FeedbackPage(FeedbackService feedback, LinkTokens tokens, MemberRepository members, WorkspaceRepository workspaces,
            PacerConfig config, Clock clock) {
        this.feedback = feedback;
        this.tokens = tokens;
        this.members = members;
        this.workspaces = workspaces;
        this.config = config;
        this.clock = clock;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Transactional
    public Response show(@PathParam("token") String token, @QueryParam("lang") String lang,
            @HeaderParam("Accept-Language") String acceptLanguage, @CookieParam(COOKIE) String cookie) {
        Messages m = Messages.of(language(lang, acceptLanguage));
        Optional<FeedbackService.Link> link = feedback.link(token);
        Optional<Response> closed = closed(link, m);
        if (closed.isPresent()) {
            return closed.get();
        }
        String browser = cookie != null && cookie.matches("[A-Za-z0-9_-]{32}") ? cookie : LinkTokens.randomValue();
        return page(200, m, form(link.get(), token, m, browser, null, null, null)).cookie(cookie(browser)).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Transactional
    public Response answer(@PathParam("token") String token, @FormParam("lang") String lang, @FormParam("score") String score,
            @FormParam("comment") String comment, @FormParam("csrf") String csrf, @CookieParam(COOKIE) String cookie,
            @HeaderParam("Accept-Language") String acceptLanguage) {
        Messages m = Messages.of(language(lang, acceptLanguage));
        Optional<FeedbackService.Link> link = feedback.link(token);
        Optional<Response> closed = closed(link, m);
        if (closed.isPresent()) {
            return closed.get();
        }
        FeedbackService.Link l = link.get();
        if (!tokens.validFormToken(csrf, l.id(), cookie)) {
            String browser = LinkTokens.randomValue();
            return page(403, m, notice(m.get("page.feedback.stale"), reload(token, m))).cookie(cookie(browser)).build();
        }
        String text = comment == null ? null : comment.strip();
        Integer value = score != null && score.strip().matches("\\d{1,2}") ? Integer.valueOf(score.strip()) : null;
        String error = value == null || !l.kind().valid(value) ? m.get("page.feedback.pick")
                : text != null && text.length() > FeedbackCommands.MAX_COMMENT ? m.get("error.text.too_long", FeedbackCommands.MAX_COMMENT)
                : null;
        if (error != null) {
            return page(400, m, form(l, token, m, cookie, error, value, text)).build();
        }
        Instant now = clock.instant();
        if (!feedback.use(l, now)) {
            return page(200, m, notice(m.get("page.feedback.used"), "")).build();
        }
        feedback.record(l.lead(), l.kind(), value, text == null || text.isEmpty() ? null : text, FeedbackService.Source.LINK, null,
                now);
        return page(200, m, notice("🙏 " + m.get("page.feedback.thanks"), "")).build();
    }

    private Optional<Response> closed(Optional<FeedbackService.Link> link, Messages m) {
        if (link.isEmpty()) {
            return Optional.of(page(404, m, notice(m.get("page.feedback.unknown"), "")).build());
        }
        if (link.get().usedAt() != null) {
            return Optional.of(page(200, m, notice(m.get("page.feedback.used"), "")).build());
        }
        if (link.get().expired(clock.instant())) {
            return Optional.of(page(410, m, notice(m.get("page.feedback.expired"), "")).build());
        }
        return Optional.empty();
    }

    private String form(FeedbackService.Link link, String token, Messages m, String browser, String error, Integer chosen,
            String comment) {
        Member owner = members.findById(link.lead().ownerId());
        String company = Optional.ofNullable(workspaces.findById(link.workspaceId()).name()).filter(n -> !n.isBlank())
                .orElse(m.get("page.feedback.us"));
        String question = m.get("page.feedback.question." + link.kind().name().toLowerCase(Locale.ROOT), company);
        StringBuilder scale = new StringBuilder();
        for (int s = link.kind().min(); s <= link.kind().max(); s++) {
            String id = "s" + s;
            String label = link.kind() == FeedbackKind.CSAT ? s + " · " + m.get("page.feedback.csat." + s) : String.valueOf(s);
            scale.append("<input type=\"radio\" name=\"score\" value=\"").append(s).append("\" id=\"").append(id).append('"')
                    .append(chosen != null && chosen == s ? " checked" : "").append(" required>")
                    .append("<label for=\"").append(id).append("\">").append(esc(label)).append("</label>");
        }
        String ends = link.kind() == FeedbackKind.NPS ? "<p class=\"ends\"><span>" + esc(m.get("page.feedback.nps.low"))
                + "</span><span>" + esc(m.get("page.feedback.nps.high")) + "</span></p>" : "";
        String other = m.language() == Language.ZH ? "en" : "zh";
        return "<p class=\"from\">" + esc(m.get("page.feedback.from", owner.displayName(), company, link.lead().name())) + "</p>"
                + "<form method=\"post\" action=\"/f/" + esc(token) + "\">"
                + "<fieldset><legend>" + esc(question) + "</legend><div class=\"scale " + link.kind().name().toLowerCase(Locale.ROOT)
                + "\">" + scale + "</div>" + ends + "</fieldset>"
                + (error == null ? "" : "<p class=\"error\" role=\"alert\">" + esc(error) + "</p>")
                + "<label for=\"comment\" class=\"block\">" + esc(m.get("page.feedback.comment")) + "</label>"
                + "<textarea id=\"comment\" name=\"comment\" rows=\"4\" maxlength=\"" + FeedbackCommands.MAX_COMMENT + "\">"
                + esc(comment == null ? "" : comment) + "</textarea>"
                + "<input type=\"hidden\" name=\"csrf\" value=\"" + esc(tokens.formToken(link.id(), browser)) + "\">"
                + "<input type=\"hidden\" name=\"lang\" value=\"" + esc(m.language() == Language.ZH ? "zh" : "en") + "\">"
                + "<button type=\"submit\">" + esc(m.get("page.feedback.send")) + "</button></form>"
                + "<p class=\"switch\"><a href=\"/f/" + esc(token) + "?lang=" + other + "\" lang=\"" + other + "\">"
                + esc(m.get("page.feedback.switch")) + "</a></p>";
    }

    private static String reload(String token, Messages m) {
        return "<p><a href=\"/f/" + esc(token) + "\">" + esc(m.get("page.feedback.reload")) + "</a></p>";
    }

    private static String notice(String text, String extra) {
        return "<p class=\"notice\">" + esc(text) + "</p>" + extra;
    }

    private static Response.ResponseBuilder page(int status, Messages m, String body) {
        String html = "<!DOCTYPE html><html lang=\"" + (m.language() == Language.ZH ? "zh-CN" : "en") + "\"><head>"
                + "<meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + esc(m.get("page.feedback.title")) + "</title><style>" + STYLE + "</style></head><body><main>"
                + "<h1>" + esc(m.get("page.feedback.title")) + "</h1>" + body + "</main></body></html>";
        return Response.status(status).entity(html).type("text/html; charset=utf-8")
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
                        + "frame-ancestors 'none'; base-uri 'none'")
                .header("X-Content-Type-Options", "nosniff").header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-store");
    }

    private NewCookie cookie(String value) {
        return new NewCookie.Builder(COOKIE).value(value).path("/f/").httpOnly(true)
                .secure(config.publicUrl().startsWith("https:")).sameSite(NewCookie.SameSite.STRICT)
                .maxAge((int) FeedbackService.LINK_LIFETIME.toSeconds()).build();
    }

    /** {@code ?lang=} wins; else the first of the browser's languages we speak; else English. */
    static Language language(String lang, String acceptLanguage) {
        if (lang != null) {
            if (lang.toLowerCase(Locale.ROOT).startsWith("zh")) {
                return Language.ZH;
            }
            if (lang.toLowerCase(Locale.ROOT).startsWith("en")) {
                return Language.EN;
            }
        }
        if (acceptLanguage != null) {
            try {
                for (Locale.LanguageRange range : Locale.LanguageRange.parse(acceptLanguage)) {
                    String tag = range.getRange().toLowerCase(Locale.ROOT);
                    if (tag.startsWith("zh")) {
                        return Language.ZH;
                    }
                    if (tag.startsWith("en")) {
                        return Language.EN;
                    }
                }
            } catch (IllegalArgumentException e) {
                // a malformed header: English
            }
        }
        return Language.EN;
    }

    private static String esc(String text) {
        return HTML.escape(text);
    }

    private static final String STYLE = String.join("", List.of(
            "body{font-family:system-ui,-apple-system,'PingFang SC','Microsoft YaHei',sans-serif;margin:0;background:#f6f7f9;color:#1d1c1d}",
            "main{max-width:34rem;margin:0 auto;padding:1.5rem 1rem}h1{font-size:1.4rem}",
            "fieldset{border:0;padding:0;margin:0 0 1rem}legend{font-weight:600;margin-bottom:.75rem;font-size:1.05rem}",
            ".scale{display:flex;flex-wrap:wrap;gap:.4rem}.scale input{position:absolute;opacity:0}",
            ".scale label{flex:1 1 auto;min-width:2.6rem;text-align:center;padding:.7rem .5rem;border:1px solid #c8ccd2;",
            "border-radius:.5rem;background:#fff;cursor:pointer}.csat label{flex-basis:100%}",
            ".scale input:checked+label{background:#1264a3;color:#fff;border-color:#1264a3}",
            ".scale input:focus-visible+label{outline:3px solid #f2c744}",
            ".ends{display:flex;justify-content:space-between;font-size:.85rem;color:#616061}",
            "label.block{display:block;margin:.5rem 0 .25rem}textarea{width:100%;box-sizing:border-box;font:inherit;padding:.5rem}",
            "button{margin-top:1rem;width:100%;padding:.8rem;font-size:1rem;border:0;border-radius:.5rem;background:#007a5a;color:#fff}",
            ".error{color:#b00020;font-weight:600}.notice{font-size:1.1rem}.switch{margin-top:1.5rem;text-align:center}",
            ".from{color:#616061}"));
}
