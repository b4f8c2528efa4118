package app.pacer.platform.teams;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/** Stored conversation references, one per workspace and conversation, for replies and proactive messages. */
@ApplicationScoped
public class TeamsConversations implements PanacheRepository<TeamsConversation> {

    @Transactional
    public void remember(Long workspaceId, String conversationId, String type, Long memberId, String serviceUrl,
            String referenceJson, Instant now) {
        getEntityManager().createNativeQuery("""
                INSERT INTO teams_conversation
                    (workspace_id, conversation_id, conversation_type, member_id, service_url, reference_json, updated_at)
                VALUES (?1, ?2, ?3, CAST(?4 AS BIGINT), ?5, ?6, ?7)
                ON CONFLICT (workspace_id, conversation_id) DO UPDATE SET
                    conversation_type = EXCLUDED.conversation_type,
                    member_id = COALESCE(EXCLUDED.member_id, teams_conversation.member_id),
                    service_url = EXCLUDED.service_url,
                    reference_json = EXCLUDED.reference_json,
                    updated_at = EXCLUDED.updated_at""")
                .setParameter(1, workspaceId).setParameter(2, conversationId).setParameter(3, type)
                .setParameter(4, memberId).setParameter(5, serviceUrl).setParameter(6, referenceJson)
                .setParameter(7, OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .executeUpdate();
    }

    /** Whether this conversation of this tenant is stored with this service URL already. */
    public boolean known(String tenantId, String conversationId, String serviceUrl) {
        return !getEntityManager().createNativeQuery("""
                SELECT 1 FROM teams_conversation c JOIN workspace w ON w.id = c.workspace_id
                WHERE w.platform = 'TEAMS' AND w.external_id = ?1 AND c.conversation_id = ?2 AND c.service_url = ?3""")
                .setParameter(1, tenantId).setParameter(2, conversationId).setParameter(3, serviceUrl)
                .getResultList().isEmpty();
    }

    public Optional<TeamsConversation> find(Long workspaceId, String conversationId) {
        return find("workspaceId = ?1 and conversationId = ?2", workspaceId, conversationId).firstResultOptional();
    }

    /** The personal (1:1) conversation with a member, for direct messages. */
    public Optional<TeamsConversation> personal(Long workspaceId, Long memberId) {
        return find("workspaceId = ?1 and memberId = ?2 and conversationType = 'personal'", workspaceId, memberId)
                .firstResultOptional();
    }
}
