package app.pacer.kb;

import app.pacer.core.section.ExportSection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;

/**
 * The knowledge base's part of {@code export all}: one Markdown file per article, {@code kb/<number>-<slug>.md},
 * with the front matter {@link KbImport} reads (title, tags, language), so the folder imports back as it was.
 */
@ApplicationScoped
public class KbExportSection implements ExportSection {

    static final int BATCH = 200;

    private final EntityManager em;

    public KbExportSection(EntityManager em) {
        this.em = em;
    }

    @Override
    public int order() {
        return 60;
    }

    @Override
    public void write(Context context, Writer out) {
        int after = 0;
        while (true) {
            List<Article> batch = em.createQuery("from Article where workspaceId = ?1 and number > ?2 order by number", Article.class)
                    .setParameter(1, context.workspaceId()).setParameter(2, after).setMaxResults(BATCH).getResultList();
            if (batch.isEmpty()) {
                return;
            }
            for (Article article : batch) {
                out.text("kb/" + article.number() + "-" + slug(article.title()) + ".md", markdown(article));
                em.detach(article);
            }
            after = batch.get(batch.size() - 1).number();
        }
    }

    static String markdown(Article article) {
        String tags = article.tags() == null || article.tags().isBlank() ? "" : article.tags();
        return "---\n"
                + "title: \"" + article.title().replace('\n', ' ') + "\"\n"
                + "tags: [" + tags + "]\n"
                + "language: " + article.language() + "\n"
                + "---\n\n"
                + article.body() + "\n";
    }

    /** A file-name part from the title: Latin letters and digits, else just "article" (Chinese titles). */
    static String slug(String title) {
        String ascii = Normalizer.normalize(title, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (ascii.length() > 40) {
            ascii = ascii.substring(0, 40).replaceAll("-+$", "");
        }
        return ascii.isEmpty() ? "article" : ascii;
    }
}
