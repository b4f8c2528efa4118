package app.pacer.playground;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.ws.rs.NotFoundException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/** Whether the playground is on, and how it calls Pacer's own endpoints (over HTTP, as Slack and Teams would). */
@Singleton
public class Playground {

    private static final Logger LOG = Logger.getLogger(Playground.class);

    private final PlaygroundSettings settings;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public Playground() {
        var config = ConfigProvider.getConfig();
        LaunchMode mode = LaunchMode.current();
        this.settings = PlaygroundSettings.from(name -> config.getOptionalValue(name, String.class).orElse(null),
                mode != LaunchMode.NORMAL, mode == LaunchMode.TEST);
    }

    void announce(@Observes StartupEvent start) {
        if (settings.refused()) {
            LOG.warnf("Playground refused: Pacer listens on %s, beyond loopback. Bind to 127.0.0.1 (QUARKUS_HTTP_HOST) "
                    + "or set PACER_PLAYGROUND_PUBLIC=true to open it to everyone who can reach this address.",
                    settings.host());
        } else if (settings.enabled()) {
            LOG.infof("Playground: open %s%s to try Pacer in your browser (Slack and Teams are simulated in-process)",
                    settings.selfUrl().replace("127.0.0.1", "localhost"), PlaygroundPaths.PAGE);
        }
    }

    public boolean active() {
        return settings.active();
    }

    /** Every playground endpoint answers 404 unless the playground is on. */
    void requireActive() {
        if (!settings.active()) {
            throw new NotFoundException();
        }
    }

    String selfUrl() {
        return settings.selfUrl();
    }

    String fakeUrl() {
        return settings.selfUrl() + PlaygroundPaths.FAKE;
    }

    /** What Pacer answered one request: status and body. */
    record Answer(int status, String body) {
    }

    Answer post(String path, String body, String contentType, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(settings.selfUrl() + path))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException("Pacer did not answer the playground at " + path + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
