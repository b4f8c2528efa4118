package app.pacer.playground;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * With the playground on, Slack and Teams point at the playground's in-process fakes on Pacer's own HTTP server,
 * with credentials made up at start: the adapters run unchanged, and nothing else needs configuring. Ordinal 275
 * sits above {@code application.properties} (250) and below environment variables (300), so what an operator
 * sets explicitly still wins.
 */
public class PlaygroundConfigSource implements ConfigSourceFactory {

    static final int ORDINAL = 275;
    static final String APP_ID = "00000000-0000-4000-8000-00000000beef";
    /** Made up once per process: nobody can forge requests with a published secret. */
    static final String SIGNING_SECRET = random();
    static final String BOT_TOKEN = "xoxb-playground-" + random().substring(0, 24);
    static final String APP_PASSWORD = random();

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        List<String> profiles = context.getProfiles();
        boolean test = profiles.contains("test");
        PlaygroundSettings settings = PlaygroundSettings.from(name -> value(context, name),
                test || profiles.contains("dev"), test);
        if (!settings.active()) {
            return List.of();
        }
        String base = settings.selfUrl() + PlaygroundPaths.FAKE;
        Map<String, String> values = Map.of(
                "pacer.slack.signing-secret", SIGNING_SECRET,
                "pacer.slack.bot-token", BOT_TOKEN,
                "pacer.slack.api-url", base + "/slack/api/",
                "pacer.teams.app-id", APP_ID,
                "pacer.teams.app-password", APP_PASSWORD,
                "pacer.teams.openid-metadata-url", base + "/teams/openid/.well-known/openidconfiguration",
                "pacer.teams.token-url", base + "/teams/oauth2/token",
                // the playground's one tenant: Teams refuses to start in production without an allow-list
                "pacer.teams.allowed-tenants", PlaygroundTeams.TENANT);
        return List.of(new PropertiesConfigSource(values, "PlaygroundConfigSource", ORDINAL));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }

    private static String value(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value == null ? null : value.getValue();
    }

    private static String random() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
