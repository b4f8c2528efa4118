package app.pacer.core.org;

import app.pacer.core.reply.Language;
import app.pacer.core.time.WorkWeek;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A person in a workspace, created on first contact. What they chose wins over what their platform says. */
@Entity
@Table(name = "member")
public class Member {

    public static final LocalTime DEFAULT_NUDGE_TIME = LocalTime.of(9, 0);

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "workspace_id", nullable = false, updatable = false)
    private Long workspaceId;

    @Column(name = "platform_user_id", nullable = false, updatable = false)
    private String platformUserId;

    @Column(name = "display_name")
    private String displayName;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Role role;

    @Column(name = "platform_locale")
    private String platformLocale;

    @Column(name = "platform_time_zone")
    private String platformTimeZone;

    /** The platform profile said this is a guest (a restricted account), as last read. */
    @Column(nullable = false)
    private boolean guest;

    @Column(name = "profile_refreshed_at")
    private Instant profileRefreshedAt;

    private String language;

    @Column(name = "time_zone")
    private String timeZone;

    @Enumerated(EnumType.STRING)
    @Column(name = "work_week")
    private WorkWeek workWeek;

    @Column(name = "nudge_time")
    private LocalTime nudgeTime;

    @Column(name = "nudge_enabled", nullable = false)
    private boolean nudgeEnabled = true;

    @Column(name = "nudged_on")
    private LocalDate nudgedOn;

    @Column(name = "quiet_on")
    private LocalDate quietOn;

    @Column(name = "contacted_at")
    private Instant contactedAt;

    @Column(name = "manager_id")
    private Long managerId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Member() {
    }

    public Member(Long workspaceId, String platformUserId, Role role, Instant now) {
        this.workspaceId = workspaceId;
        this.platformUserId = platformUserId;
        this.role = role;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public Long id() {
        return id;
    }

    public Long workspaceId() {
        return workspaceId;
    }

    public String platformUserId() {
        return platformUserId;
    }

    public String displayName() {
        return displayName != null && !displayName.isBlank() ? displayName : platformUserId;
    }

    public Role role() {
        return role;
    }

    /** The language Pacer speaks to this member: their setting, else their platform's locale, else English. */
    public Language language() {
        return Language.fromTag(language).or(() -> Language.fromTag(platformLocale)).orElse(Language.EN);
    }

    public boolean languageChosen() {
        return Language.fromTag(language).isPresent();
    }

    /** The member's time zone: their setting, else their platform's, else UTC. */
    public ZoneId zone() {
        return zoneOf(timeZone, platformTimeZone);
    }

    /** The chosen zone, else the platform's, else UTC; a name this JVM does not know is passed over. */
    public static ZoneId zoneOf(String chosen, String platform) {
        for (String candidate : new String[] {chosen, platform}) {
            if (candidate != null && !candidate.isBlank()) {
                try {
                    return ZoneId.of(candidate);
                } catch (DateTimeException ignored) {
                    // a platform may send a zone this JVM does not know; fall through
                }
            }
        }
        return ZoneOffset.UTC;
    }

    public boolean timeZoneChosen() {
        return timeZone != null;
    }

    /** The member's first day with Pacer, in their time zone (pacing starts there when they join mid-period). */
    public LocalDate joinedOn() {
        return createdAt.atZone(zone()).toLocalDate();
    }

    /** Whether the member has talked to Pacer themselves; only then may Pacer write to them unprompted. */
    public boolean contacted() {
        return contactedAt != null;
    }

    public void markContacted(Instant now) {
        if (contactedAt == null) {
            contactedAt = now;
        }
    }

    public Instant profileRefreshedAt() {
        return profileRefreshedAt;
    }

    public void applyProfile(Profile profile, Instant now) {
        if (profile.displayName() != null && !profile.displayName().isBlank()) {
            displayName = profile.displayName();
        }
        if (profile.locale() != null && !profile.locale().isBlank()) {
            platformLocale = profile.locale();
        }
        if (profile.timeZone() != null && !profile.timeZone().isBlank()) {
            platformTimeZone = profile.timeZone();
        }
        guest = profile.guest();
        profileRefreshedAt = now;
        updatedAt = now;
    }

    /** Whether their platform profile, when last read, said they are a guest of the workspace. */
    public boolean guest() {
        return guest;
    }

    public void nameIfUnknown(String name) {
        if ((displayName == null || displayName.isBlank()) && name != null && !name.isBlank()) {
            displayName = name;
        }
    }

    public void chooseLanguage(Language chosen, Instant now) {
        language = chosen.tag();
        updatedAt = now;
    }

    public void chooseTimeZone(ZoneId zone, Instant now) {
        timeZone = zone.getId();
        updatedAt = now;
    }

    /** The member's own work week, when they chose one (else the workspace's applies). */
    public WorkWeek ownWorkWeek() {
        return workWeek;
    }

    public void chooseWorkWeek(WorkWeek week, Instant now) {
        workWeek = week;
        updatedAt = now;
    }

    /** Local time of the morning nudge. */
    public LocalTime nudgeTime() {
        return nudgeTime != null ? nudgeTime : DEFAULT_NUDGE_TIME;
    }

    public boolean nudgeEnabled() {
        return nudgeEnabled;
    }

    public void setNudge(LocalTime time, Instant now) {
        nudgeTime = time;
        updatedAt = now;
    }

    public void enableNudge(boolean enabled, Instant now) {
        nudgeEnabled = enabled;
        updatedAt = now;
    }

    /** True when the member asked for quiet for the rest of {@code day} ("snooze until tomorrow"). */
    public boolean quietOn(LocalDate day) {
        return day.equals(quietOn);
    }

    public void beQuietOn(LocalDate day, Instant now) {
        quietOn = day;
        updatedAt = now;
    }

    public void assignRole(Role newRole, Instant now) {
        role = newRole;
        updatedAt = now;
    }

    /** The member's own manager, who runs their reviews; empty means the workspace's admin. */
    public java.util.Optional<Long> managerId() {
        return java.util.Optional.ofNullable(managerId);
    }

    public void assignManager(Long manager, Instant now) {
        this.managerId = manager;
        this.updatedAt = now;
    }
}
