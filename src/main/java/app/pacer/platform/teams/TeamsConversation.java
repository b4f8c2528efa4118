package app.pacer.platform.teams;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A Teams conversation Pacer may write to (personal, group chat or channel), with its stored reference. */
@Entity
@Table(name = "teams_conversation")
public class TeamsConversation {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "workspace_id", nullable = false)
    private Long workspaceId;

    @Column(name = "conversation_id", nullable = false)
    private String conversationId;

    @Column(name = "conversation_type", nullable = false)
    private String conversationType;

    @Column(name = "member_id")
    private Long memberId;

    @Column(name = "service_url", nullable = false)
    private String serviceUrl;

    @Column(name = "reference_json", nullable = false)
    private String referenceJson;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    public Long workspaceId() {
        return workspaceId;
    }

    public String conversationId() {
        return conversationId;
    }

    public String conversationType() {
        return conversationType;
    }

    public Long memberId() {
        return memberId;
    }

    public String serviceUrl() {
        return serviceUrl;
    }

    public String referenceJson() {
        return referenceJson;
    }
}
