package app.pacer.core.org;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/** Members, always looked up within one workspace. */
@ApplicationScoped
public class MemberRepository implements PanacheRepository<Member> {

    public Optional<Member> find(Long workspaceId, String platformUserId) {
        return find("workspaceId = ?1 and platformUserId = ?2", workspaceId, platformUserId).firstResultOptional();
    }

    public boolean anyIn(Long workspaceId) {
        return count("workspaceId", workspaceId) > 0;
    }

    public long countWithRole(Long workspaceId, Role role) {
        return count("workspaceId = ?1 and role = ?2", workspaceId, role);
    }

    public List<Member> inWorkspace(Long workspaceId) {
        return list("workspaceId", Sort.by("role", Sort.Direction.Descending).and("displayName"), workspaceId);
    }
}
