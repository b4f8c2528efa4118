package app.pacer.core.org;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.Optional;

@ApplicationScoped
public class WorkspaceRepository implements PanacheRepository<Workspace> {

    public Optional<Workspace> find(Platform platform, String externalId) {
        return find("platform = ?1 and externalId = ?2", platform, externalId).firstResultOptional();
    }

    /** Finds or creates the workspace; safe when two first requests race (the unique index decides). */
    public Workspace findOrCreate(Platform platform, String externalId, String name) {
        return find(platform, externalId).orElseGet(() -> {
            getEntityManager().createNativeQuery("""
                    INSERT INTO workspace (platform, external_id, name) VALUES (?1, ?2, ?3)
                    ON CONFLICT (platform, external_id) DO NOTHING""")
                    .setParameter(1, platform.name()).setParameter(2, externalId).setParameter(3, name)
                    .executeUpdate();
            return find(platform, externalId).orElseThrow();
        });
    }

    /** Locks the workspace row for the rest of the transaction (serialises first-member admin election). */
    public Workspace lock(Long id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }
}
