package app.pacer.digest;

import app.pacer.core.reply.Language;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

/** Where and when a workspace's standup digest goes: one channel, its time in its own time zone, its language. */
@Entity
@Table(name = "digest_channel")
public class DigestChannel {

    public static final LocalTime DEFAULT_TIME = LocalTime.of(9, 30);

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "workspace_id", nullable = false, updatable = false)
    private Long workspaceId;

    @Column(nullable = false)
    private String channel;

    @Column(name = "time_zone", nullable = false)
    private String timeZone;

    @Column(name = "digest_time", nullable = false)
    private LocalTime digestTime = DEFAULT_TIME;

    @Column(nullable = false)
    private String language;

    @Column(nullable = false)
    private boolean enabled = true;

    @Column(nullable = false)
    private boolean standup;

    @Column(name = "set_by", nullable = false)
    private Long setBy;

    @Column(name = "last_sent_at")
    private Instant lastSentAt;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected DigestChannel() {
    }

    public DigestChannel(Long workspaceId, String channel, ZoneId zone, Language language, Long setBy, Instant now) {
        this.workspaceId = workspaceId;
        this.createdAt = now;
        moveTo(channel, zone, language, setBy, now);
    }

    public void moveTo(String newChannel, ZoneId zone, Language newLanguage, Long by, Instant now) {
        this.channel = newChannel;
        this.timeZone = zone.getId();
        this.language = newLanguage.tag();
        this.setBy = by;
        this.enabled = true;
        this.updatedAt = now;
    }

    public Long id() {
        return id;
    }

    public Long workspaceId() {
        return workspaceId;
    }

    public String channel() {
        return channel;
    }

    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    public LocalTime time() {
        return digestTime;
    }

    public Language language() {
        return Language.fromTag(language).orElse(Language.EN);
    }

    public boolean enabled() {
        return enabled;
    }

    public boolean standup() {
        return standup;
    }

    public Instant lastSentAt() {
        return lastSentAt;
    }

    public void at(LocalTime time, ZoneId zone, Instant now) {
        this.digestTime = time;
        this.timeZone = zone.getId();
        this.updatedAt = now;
    }

    public void enable(boolean on, Instant now) {
        this.enabled = on;
        this.updatedAt = now;
    }

    public void standup(boolean on, Instant now) {
        this.standup = on;
        this.updatedAt = now;
    }

    public void sent(Instant at) {
        this.lastSentAt = at;
    }
}
