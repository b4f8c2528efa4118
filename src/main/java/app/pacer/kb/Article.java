package app.pacer.kb;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** A knowledge-base article: Markdown body, tags, language, who wrote and who last vouched for it. */
@Entity
@Table(name = "kb_article")
public class Article {

    /** An article nobody verified for this long may be outdated. */
    public static final Duration STALE_AFTER = Duration.ofDays(180);
    public static final int TITLE_MAX = 200;
    public static final int BODY_MAX = 20_000;
    public static final int TAGS_MAX = 500;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "workspace_id", nullable = false, updatable = false)
    private Long workspaceId;

    /** The short number people see ({@code #12}), unique in the workspace. */
    @Column(nullable = false, updatable = false)
    private int number;

    @Column(nullable = false)
    private String title;

    @Column(nullable = false)
    private String body;

    /** Comma-separated, as typed (trimmed). */
    @Column(nullable = false)
    private String tags;

    /** {@code en}, {@code zh} or {@code both}. */
    @Column(nullable = false)
    private String language;

    @Column(name = "author_id")
    private Long authorId;

    @Column(name = "source_key")
    private String sourceKey;

    @Column(name = "source_hash")
    private String sourceHash;

    @Column(name = "verified_by")
    private Long verifiedBy;

    @Column(name = "verified_at")
    private Instant verifiedAt;

    @Column(nullable = false)
    private int helpful;

    @Column(nullable = false)
    private int unhelpful;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Article() {
    }

    Article(Long workspaceId, int number, Long authorId, Instant now) {
        this.workspaceId = workspaceId;
        this.number = number;
        this.authorId = authorId;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public Long id() { return id; }
    public Long workspaceId() { return workspaceId; }
    public int number() { return number; }
    public String title() { return title; }
    public String body() { return body; }
    public String tags() { return tags; }
    public String language() { return language; }
    public Long authorId() { return authorId; }
    public String sourceKey() { return sourceKey; }
    public String sourceHash() { return sourceHash; }
    public Long verifiedBy() { return verifiedBy; }
    public Instant verifiedAt() { return verifiedAt; }
    public int helpful() { return helpful; }
    public int unhelpful() { return unhelpful; }
    public Instant createdAt() { return createdAt; }
    public Instant updatedAt() { return updatedAt; }

    public List<String> tagList() {
        return tags.isBlank() ? List.of() : Arrays.stream(tags.split(",")).map(String::trim).filter(t -> !t.isEmpty()).toList();
    }

    /** Verified (else created) more than 180 days before {@code now}. */
    public boolean stale(Instant now) {
        Instant since = verifiedAt != null ? verifiedAt : createdAt;
        return since.plus(STALE_AFTER).isBefore(now);
    }

    void setContent(String title, String body, String tags, String language, Instant now) {
        this.title = title;
        this.body = body;
        this.tags = tags;
        this.language = language;
        this.updatedAt = now;
    }

    void setSource(String key, String hash) {
        this.sourceKey = key;
        this.sourceHash = hash;
    }

    void verify(Long memberId, Instant now) {
        this.verifiedBy = memberId;
        this.verifiedAt = now;
    }

    void addVotes(int helpfulDelta, int unhelpfulDelta) {
        this.helpful += helpfulDelta;
        this.unhelpful += unhelpfulDelta;
    }
}
