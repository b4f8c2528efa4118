package app.pacer.platform.teams;

import app.pacer.config.PacerConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The bot's token for outbound Bot Connector calls: a client-credentials grant posted as a plain form to
 * {@code PACER_TEAMS_TOKEN_URL} (MSAL4J refuses non-https authorities, which local fakes are), cached until
 * shortly before it expires. The token and the secret are never logged.
 */
@Singleton
public class TeamsTokens {

    static final String SCOPE = "https://api.botframework.com/.default";
    private static final Duration EARLY = Duration.ofMinutes(5);

    private final PacerConfig.Teams config;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private String token;
    private Instant renewAt = Instant.MIN;

    public TeamsTokens(PacerConfig config, Clock clock) {
        this.config = config.teams();
        this.clock = clock;
    }

    public synchronized String token() {
        if (token != null && clock.instant().isBefore(renewAt)) {
            return token;
        }
        String form = "grant_type=client_credentials"
                + "&client_id=" + encode(config.appId().orElse(""))
                + "&client_secret=" + encode(config.appPassword().orElse(""))
                + "&scope=" + encode(SCOPE);
        HttpRequest request = HttpRequest.newBuilder(config.tokenUrl())
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Token endpoint answered HTTP " + response.statusCode());
            }
            JsonNode body = json.readTree(response.body());
            String accessToken = body.path("access_token").asText(null);
            if (accessToken == null) {
                throw new IllegalStateException("Token endpoint answered without an access_token");
            }
            long expiresIn = body.path("expires_in").asLong(3600);
            token = accessToken;
            renewAt = clock.instant().plusSeconds(expiresIn).minus(EARLY);
            return token;
        } catch (IOException e) {
            throw new IllegalStateException("Token endpoint unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while fetching a token", e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
