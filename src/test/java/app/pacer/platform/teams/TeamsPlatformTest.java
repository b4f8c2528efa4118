package app.pacer.platform.teams;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pacer.config.PacerConfig;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Start-up rules of the Teams adapter, without Quarkus (the launch mode outside Quarkus is production). */
class TeamsPlatformTest {

    @Test
    void refusesToStartInProductionWithoutAPassword() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new TeamsPlatform(config(Optional.of("app-id"), Optional.empty(), List.of())));
        assertTrue(e.getMessage().contains("PACER_TEAMS_APP_PASSWORD"));
    }

    @Test
    void isOffWithoutAnAppId() {
        assertFalse(new TeamsPlatform(config(Optional.empty(), Optional.empty(), List.of())).enabled());
    }

    @Test
    void tenantAllowListIsHonouredAndEmptyMeansAny() {
        PacerConfig.Teams open = config(Optional.empty(), Optional.empty(), List.of()).teams();
        assertTrue(open.tenantAllowed("anything"));
        PacerConfig.Teams closed = config(Optional.empty(), Optional.empty(), List.of("t1", " t2 ")).teams();
        assertTrue(closed.tenantAllowed("t2"));
        assertFalse(closed.tenantAllowed("t3"));
        assertFalse(closed.tenantAllowed(null));
    }

    static PacerConfig config(Optional<String> appId, Optional<String> password, List<String> tenants) {
        PacerConfig.Teams teams = new PacerConfig.Teams() {
            public Optional<String> appId() {
                return appId;
            }

            public Optional<String> appPassword() {
                return password;
            }

            public URI openidMetadataUrl() {
                return URI.create("http://127.0.0.1:1/openid");
            }

            public URI tokenUrl() {
                return URI.create("http://127.0.0.1:1/token");
            }

            public Optional<List<String>> allowedTenants() {
                return Optional.of(tenants);
            }
        };
        return new PacerConfig() {
            public Slack slack() {
                return null;
            }

            public Teams teams() {
                return teams;
            }

            public Optional<String> dataDir() {
                return Optional.empty();
            }

            public String publicUrl() {
                return "http://localhost:8080";
            }

            public EmbeddedDb embeddedDb() {
                return null;
            }

            public Kb kb() {
                return null;
            }

            public Chart chart() {
                return Optional::empty;
            }
            public Playground playground() {
                return null;
            }

            public Command command() {
                return null;
            }
        };
    }
}
