package app.pacer.leads;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** A lead: a person or company a rep is working, its stage, value and next follow-up. */
@Entity
@Table(name = "lead")
public class Lead {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "workspace_id", nullable = false, updatable = false)
    private Long workspaceId;

    /** The short number people see ({@code #42}), unique in the workspace. */
    @Column(nullable = false, updatable = false)
    private int number;

    @Column(nullable = false)
    private String name;

    private String company;
    private String email;

    @Column(name = "email_norm")
    private String emailNorm;

    private String phone;

    @Column(name = "phone_norm")
    private String phoneNorm;

    private String wechat;
    private String source;

    @Column(name = "stage_key", nullable = false)
    private String stageKey;

    @Column(precision = 20, scale = 4)
    private BigDecimal value;

    @Column(name = "next_follow_up")
    private LocalDate nextFollowUp;

    @Column(name = "expected_close")
    private LocalDate expectedClose;

    @Column(name = "owner_id", nullable = false)
    private Long ownerId;

    @Column(name = "lost_reason")
    private String lostReason;

    @Column(name = "won_counted", nullable = false)
    private boolean wonCounted;

    @Column(name = "customer_key", nullable = false)
    private String customerKey;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Lead() {
    }

    public Lead(Long workspaceId, int number, String name, Long ownerId, String stageKey, Instant now) {
        this.workspaceId = workspaceId;
        this.number = number;
        this.name = name;
        this.ownerId = ownerId;
        this.stageKey = stageKey;
        this.createdAt = now;
        this.updatedAt = now;
        this.customerKey = customerKeyOf(name, null);
    }

    /** Who the customer is, for "first won deal of that customer": the company, else the lead's name. */
    static String customerKeyOf(String name, String company) {
        String key = company != null && !company.isBlank() ? company : name;
        return key.trim().toLowerCase(java.util.Locale.ROOT).replaceAll("\\s+", " ");
    }

    /** What other features may know of this lead. */
    public LeadRef ref() { return new LeadRef(id, workspaceId, number, name, ownerId); }

    public Long id() { return id; }
    public Long workspaceId() { return workspaceId; }
    public int number() { return number; }
    public String name() { return name; }
    public String company() { return company; }
    public String email() { return email; }
    public String phone() { return phone; }
    public String wechat() { return wechat; }
    public String source() { return source; }
    public String stageKey() { return stageKey; }
    public BigDecimal value() { return value; }
    public LocalDate nextFollowUp() { return nextFollowUp; }
    public LocalDate expectedClose() { return expectedClose; }
    public Long ownerId() { return ownerId; }
    public String lostReason() { return lostReason; }
    public boolean wonCounted() { return wonCounted; }
    public String customerKey() { return customerKey; }
    public Instant createdAt() { return createdAt; }
    public Instant updatedAt() { return updatedAt; }

    void setName(String name) {
        this.name = name;
        this.customerKey = customerKeyOf(name, company);
    }

    void setCompany(String company) {
        this.company = company;
        this.customerKey = customerKeyOf(name, company);
    }

    void setEmail(String email) {
        this.email = email;
        this.emailNorm = Contacts.normaliseEmail(email);
    }

    void setPhone(String phone) {
        this.phone = phone;
        this.phoneNorm = Contacts.normalisePhone(phone);
    }

    void setWechat(String wechat) { this.wechat = wechat; }
    void setSource(String source) { this.source = source; }
    void setValue(BigDecimal value) { this.value = value; }
    void setNextFollowUp(LocalDate next) { this.nextFollowUp = next; }
    void setExpectedClose(LocalDate close) { this.expectedClose = close; }
    void setOwner(Long ownerId) { this.ownerId = ownerId; }
    void setWonCounted(boolean counted) { this.wonCounted = counted; }

    void setStage(String stageKey, String lostReason) {
        this.stageKey = stageKey;
        this.lostReason = lostReason;
    }

    /**
     * Erasure on the customer's request: who they are goes, what the team counts (value, stage, dates, owner)
     * stays. The name becomes "erased lead #N" so lists and numbers still read.
     */
    void erasePersonalData() {
        this.name = "erased lead #" + number;
        this.company = null;
        this.email = null;
        this.emailNorm = null;
        this.phone = null;
        this.phoneNorm = null;
        this.wechat = null;
        // "first won deal of this customer" must not find the customer again by a name that is gone
        this.customerKey = "erased:" + id;
    }

    void touch(Instant now) {
        this.updatedAt = now;
    }
}
