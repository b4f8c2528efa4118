package app.pacer.kb;

import app.pacer.config.PacerConfig;
import com.google.common.hash.Hashing;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Articles from Markdown files with front matter ({@code title}, {@code tags}, {@code language}): the starter
 * set shipped in {@code kb-starter/}, given to each workspace the first time it uses the knowledge base, and
 * the operator's folder {@code PACER_KB_IMPORT_DIR}, read at startup and on {@code kb import}. A file is
 * known by its path: importing it again updates its article, and an unchanged file changes nothing (not even
 * edits made in chat since).
 */
@ApplicationScoped
public class KbImport {

    private static final Logger LOG = Logger.getLogger(KbImport.class);
    static final String STARTER = "kb-starter/";
    static final long MAX_FILE_BYTES = 200_000;

    private final EntityManager em;
    private final KbService kb;
    private final Clock clock;
    private final Optional<Path> importDir;

    public KbImport(EntityManager em, KbService kb, Clock clock, PacerConfig config) {
        this.em = em;
        this.kb = kb;
        this.clock = clock;
        this.importDir = config.kb().importDir().map(String::trim).filter(s -> !s.isEmpty()).map(Path::of);
    }

    public Optional<Path> importDir() {
        return importDir;
    }

    /** What an import did; {@code skipped} says which file and why. */
    public record Report(int added, int updated, int unchanged, List<String> skipped) {
        Report plus(Report other) {
            List<String> all = new ArrayList<>(skipped);
            all.addAll(other.skipped);
            return new Report(added + other.added, updated + other.updated, unchanged + other.unchanged, all);
        }
    }

    /** A file's article: front matter, else the first heading, else the file name for the title. */
    record Parsed(String title, String body, String tags, String language) {
    }

    /** On first use: the starter articles, then the operator's folder. Runs once per workspace. */
    public void ensureSeeded(Long workspaceId) {
        Instant now = clock.instant();
        if (kb.claimSeeding(workspaceId, now)) {
            Report report = starter(workspaceId, now);
            if (importDir.isPresent()) {
                report = report.plus(importDir(workspaceId, importDir.get(), now));
            }
            LOG.infof("Knowledge base of workspace %d seeded: %d articles", workspaceId, report.added());
        }
    }

    void onStart(@Observes StartupEvent event) {
        if (importDir.isEmpty()) {
            return;
        }
        try {
            @SuppressWarnings("unchecked")
            List<Number> workspaces = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                    "SELECT workspace_id FROM kb_settings WHERE seeded_at IS NOT NULL ORDER BY workspace_id").getResultList());
            for (Number ws : workspaces) {
                Report r = QuarkusTransaction.requiringNew().call(() -> importDir(ws.longValue(), importDir.get(), clock.instant()));
                LOG.infof("Knowledge base import from %s into workspace %d: %d added, %d updated, %d unchanged, %d skipped %s",
                        importDir.get(), ws.longValue(), r.added(), r.updated(), r.unchanged(), r.skipped().size(), r.skipped());
            }
        } catch (RuntimeException e) {
            // a bad folder must not keep Pacer from starting; kb import shows the problem to admins
            LOG.errorf(e, "Knowledge base import from %s failed", importDir.get());
        }
    }

    /** Every {@code .md} file under {@code dir} (sub-folders included) into the workspace. */
    public Report importDir(Long workspaceId, Path dir, Instant now) {
        if (!Files.isDirectory(dir)) {
            return new Report(0, 0, 0, List.of(dir + ": not a folder"));
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir, 5)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".md")).sorted().toList();
        } catch (IOException e) {
            return new Report(0, 0, 0, List.of(dir + ": " + e.getMessage()));
        }
        Report report = new Report(0, 0, 0, List.of());
        for (Path file : files) {
            String key = dir.relativize(file).toString().replace('\\', '/');
            try {
                if (Files.size(file) > MAX_FILE_BYTES) {
                    report = report.plus(new Report(0, 0, 0, List.of(key + ": larger than 200 KB")));
                    continue;
                }
                report = report.plus(upsert(workspaceId, key, Files.readString(file, StandardCharsets.UTF_8), now));
            } catch (IOException | UncheckedIOException e) {
                report = report.plus(new Report(0, 0, 0, List.of(key + ": " + e.getMessage())));
            }
        }
        return report;
    }

    /** The starter articles shipped with Pacer (listed in {@code kb-starter/index.txt}). */
    public Report starter(Long workspaceId, Instant now) {
        Report report = new Report(0, 0, 0, List.of());
        for (String name : resource(STARTER + "index.txt").split("\\R")) {
            if (!name.isBlank() && !name.startsWith("#")) {
                report = report.plus(upsert(workspaceId, "starter:" + name.strip(), resource(STARTER + name.strip()), now));
            }
        }
        return report;
    }

    Report upsert(Long workspaceId, String key, String content, Instant now) {
        if (key.length() > 300) {
            return new Report(0, 0, 0, List.of(key.substring(0, 60) + "…: path too long"));
        }
        Parsed parsed = parse(key, content);
        if (parsed.body().isBlank()) {
            return new Report(0, 0, 0, List.of(key + ": empty"));
        }
        if (parsed.body().length() > Article.BODY_MAX) {
            return new Report(0, 0, 0, List.of(key + ": longer than " + Article.BODY_MAX + " characters"));
        }
        String hash = sha256(content);
        Optional<Article> existing = kb.bySource(workspaceId, key);
        if (existing.isPresent()) {
            Article article = existing.get();
            if (hash.equals(article.sourceHash())) {
                return new Report(0, 0, 1, List.of());
            }
            article.setSource(key, hash);
            kb.update(article, parsed.title(), parsed.body(), parsed.tags(), parsed.language(), now);
            return new Report(0, 1, 0, List.of());
        }
        Article article = kb.create(workspaceId, null, parsed.title(), parsed.body(), parsed.tags(), parsed.language(), now);
        article.setSource(key, hash);
        return new Report(1, 0, 0, List.of());
    }

    static Parsed parse(String key, String content) {
        String text = content.replace("\r\n", "\n").replace('\r', '\n');
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        String title = null;
        String tags = "";
        String language = null;
        if (text.startsWith("---\n")) {
            int end = text.indexOf("\n---", 4);
            if (end > 0) {
                for (String line : text.substring(4, end).split("\n")) {
                    int colon = line.indexOf(':');
                    if (colon <= 0) {
                        continue;
                    }
                    String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
                    String value = unquote(line.substring(colon + 1).strip());
                    switch (name) {
                        case "title" -> title = value;
                        case "tags" -> tags = tags(value);
                        case "language", "lang" -> language = language(value);
                        default -> {
                            // other keys (author, date, …) are ignored
                        }
                    }
                }
                int bodyStart = text.indexOf('\n', end + 4);
                text = bodyStart < 0 ? "" : text.substring(bodyStart + 1);
            }
        }
        text = text.strip();
        if (title == null || title.isBlank()) {
            if (text.startsWith("# ")) {
                int nl = text.indexOf('\n');
                title = (nl < 0 ? text : text.substring(0, nl)).substring(2).strip();
                text = nl < 0 ? "" : text.substring(nl + 1).strip();
            } else {
                String file = key.substring(key.lastIndexOf('/') + 1).replaceFirst("(?i)\\.md$", "").replaceFirst("^starter:", "");
                title = file.replace('-', ' ').replace('_', ' ');
            }
        }
        if (title.length() > Article.TITLE_MAX) {
            title = title.substring(0, Article.TITLE_MAX);
        }
        if (tags.length() > Article.TAGS_MAX) {
            tags = tags.substring(0, tags.lastIndexOf(',', Article.TAGS_MAX));
        }
        return new Parsed(title, text, tags, language);
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"") || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    /** {@code [a, b]}, {@code a, b} or {@code a b}: a tidy comma-separated list. */
    static String tags(String value) {
        String v = value.strip();
        if (v.startsWith("[") && v.endsWith("]")) {
            v = v.substring(1, v.length() - 1);
        }
        String[] parts = v.contains(",") || v.contains("，") || v.contains("、") ? v.split("[,，、]") : v.split("\\s+");
        return String.join(", ", Arrays.stream(parts).map(p -> unquote(p.strip())).filter(p -> !p.isEmpty()).distinct().toList());
    }

    /** {@code en}, {@code zh}, {@code both} (or a spelling of them); anything else detects it from the text. */
    static String language(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (v.equals("both") || v.equals("bilingual") || v.equals("zh,en") || v.equals("en,zh") || v.equals("双语")) {
            return "both";
        }
        return app.pacer.core.reply.Language.fromTag(v).map(l -> l == app.pacer.core.reply.Language.ZH ? "zh" : "en").orElse(null);
    }

    private static String resource(String name) {
        try (InputStream in = KbImport.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(String content) {
        return Hashing.sha256().hashString(content, StandardCharsets.UTF_8).toString();
    }
}
