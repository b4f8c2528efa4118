package app.pacer.platform.slack;

import app.pacer.config.PacerConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.util.SlackRequestParser;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.jboss.logging.Logger;

/** The Bolt {@link App}, built once at startup when Slack is configured. */
@Singleton
@Startup
public class SlackPlatform {

    private static final Logger LOG = Logger.getLogger(SlackPlatform.class);

    private final App app;
    /** Bolt's parser holds only the app's settings and a Gson: one serves every request. */
    private final SlackRequestParser parser;

    public SlackPlatform(PacerConfig config, SlackGateway gateway, SlackHandlers handlers) {
        if (!config.slack().enabled()) {
            LOG.info("Slack is off: PACER_SLACK_SIGNING_SECRET is not set.");
            this.app = null;
            this.parser = null;
            return;
        }
        AppConfig appConfig = AppConfig.builder()
                .signingSecret(config.slack().signingSecret().orElseThrow())
                .singleTeamBotToken(config.slack().botToken().orElse(null))
                .slack(gateway.slack())
                // events Pacer does not handle (message_changed, …) are acknowledged, not answered 404 and retried
                .unmatchedRequestHandler(request -> com.slack.api.bolt.response.Response.ok())
                .build();
        App built = new App(appConfig);
        handlers.register(built);
        this.app = built;
        this.parser = new SlackRequestParser(appConfig);
        LOG.infof("Slack is on: requests at /slack/events, Web API at %s", config.slack().apiUrl());
    }

    public Optional<App> app() {
        return Optional.ofNullable(app);
    }

    /** Reads a raw request for {@link #app()}; only there when Slack is on. */
    SlackRequestParser parser() {
        return parser;
    }
}
