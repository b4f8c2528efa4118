package app.pacer.db;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.flywaydb.core.Flyway;

/** Ready only when every migration is applied (the datasource check covers "reachable"). */
@Readiness
@ApplicationScoped
public class MigratedCheck implements HealthCheck {

    private final Flyway flyway;

    /** Once every migration is applied it stays so (they are never undone): later probes need not ask Flyway again. */
    private volatile HealthCheckResponse migrated;

    public MigratedCheck(Flyway flyway) {
        this.flyway = flyway;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponse known = migrated;
        if (known != null) {
            return known;
        }
        try {
            var info = flyway.info();
            int pending = info.pending().length;
            String version = info.current() == null ? "none" : info.current().getVersion().getVersion();
            HealthCheckResponse response = HealthCheckResponse.named("database-migrations").status(pending == 0)
                    .withData("version", version).withData("pending", pending).build();
            if (pending == 0) {
                migrated = response;
            }
            return response;
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("database-migrations").down().withData("error", e.getClass().getSimpleName()).build();
        }
    }
}
