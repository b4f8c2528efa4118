package app.pacer.testing;

import app.pacer.playground.FakeSlackWebApi;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Local stand-ins for everything Pacer calls out to, on one loopback port, wired in through the same
 * configuration keys a real deployment uses: a Slack Web API ({@code /api/<method>}) and {@code response_url}
 * receiver, a Bot Framework OpenID/JWKS endpoint and token endpoint, and a Bot Connector. Every call is
 * recorded so tests can assert on exactly what Pacer sent.
 */
public class FakePlatforms implements QuarkusTestResourceLifecycleManager {

    public static final String SIGNING_SECRET = "test-signing-secret-0123456789abcdef";
    public static final String BOT_TOKEN = "xoxb-test-token";
    public static final String TEAMS_APP_ID = "8a7c1c5e-3f2b-4c1d-9e8f-0a1b2c3d4e5f";
    public static final String TEAMS_PASSWORD = "test-client-secret";
    public static final String BOT_USER = "UPACERBOT";
    public static final List<String> ALLOWED_TENANTS = List.of("tenant-contoso", "tenant-fabrikam", "tenant-northwind", "tenant-woodgrove",
            "tenant-litware", "tenant-security", "tenant-digest", "tenant-adventureworks", "tenant-duplicates", "tenant-private",
            "tenant-planted");
    /** The security suite's own tenant: its many fresh users must not become another test's first (admin) member. */
    public static final String SECURITY_TENANT = "tenant-security";
    public static final KeyPair SIGNING_KEY = rsa();
    public static final String KEY_ID = "pacer-test-key";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static HttpServer server;
    private static String base;

    /** One recorded call. {@code body} is the JSON body, or the form fields as a JSON object. */
    public record Call(String method, String path, JsonNode body, long receivedNanos) {
        public Call(String method, String path, JsonNode body) {
            this(method, path, body, System.nanoTime());
        }
    }

    public static final List<Call> CALLS = new CopyOnWriteArrayList<>();
    /**
     * Every Adaptive Card that breaks the 1.5 schema and every Slack message or view over Block Kit's limits that
     * Pacer sent, each with the payload and what is wrong; {@link SentPayloadsCheck} fails the test that sent it.
     */
    public static final List<String> PAYLOAD_VIOLATIONS = new CopyOnWriteArrayList<>();
    /**
     * Off for load benchmarks: every recorded call copies {@link #CALLS}, and tens of thousands of copies would take
     * CPU from the service being measured on the same machine.
     */
    public static volatile boolean record = true;
    /** Benchmarks waiting for the answer at one response_url, by its id (see {@link #answerAt}). */
    private static final Map<String, java.util.concurrent.CompletableFuture<Call>> ANSWERS = new ConcurrentHashMap<>();
    /** users.info answers by user id: locale and tz, and optionally the display name. */
    public static final Map<String, String[]> SLACK_USERS = new ConcurrentHashMap<>();
    /** users.info's {@code team_id} by user id (left out for the others): a Slack Connect user's home team. */
    public static final Map<String, String> SLACK_USER_TEAMS = new ConcurrentHashMap<>();
    /** Users whose users.info says {@code is_restricted} (a guest of the workspace). */
    public static final java.util.Set<String> SLACK_GUESTS = ConcurrentHashMap.newKeySet();
    public static final AtomicInteger TOKEN_REQUESTS = new AtomicInteger();
    /** The Slack Web API, shared with the playground; this file only says what differs (see {@link TestWorkspace}). */
    private static final FakeSlackWebApi SLACK = new FakeSlackWebApi(new TestWorkspace(),
            Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC));
    /** Files uploaded through files.getUploadURLExternal, by file id. */
    public static final Map<String, byte[]> UPLOADS = SLACK.uploads();
    /** File names given to files.getUploadURLExternal, by file id. */
    public static final Map<String, String> FILE_NAMES = SLACK.fileNames();
    /** Messages posted with chat.postMessage and files shared, by channel, with their metadata (as Slack keeps history). */
    public static final Map<String, List<JsonNode>> SLACK_HISTORY = SLACK.history();
    /** Faults to answer chat.postMessage with, one per call, in order: "429", "500", "timeout", "post-then-500". */
    public static final java.util.Queue<String> SLACK_FAULTS = new java.util.concurrent.ConcurrentLinkedQueue<>();
    /** Faults to answer files.completeUploadExternal with, one per call: "500", "share-then-500". */
    public static final java.util.Queue<String> UPLOAD_FAULTS = new java.util.concurrent.ConcurrentLinkedQueue<>();
    /** Faults for the Bot Connector's proactive sends: "429", "502", "403". */
    public static final java.util.Queue<String> TEAMS_FAULTS = new java.util.concurrent.ConcurrentLinkedQueue<>();
    /** When set, chat.postMessage answers 429 above 1 message a second per channel and this many per second overall. */
    public static volatile double SLACK_WORKSPACE_LIMIT = 0;
    private static final Map<String, com.google.common.util.concurrent.RateLimiter> CHANNEL_LIMITS = new ConcurrentHashMap<>();
    private static volatile com.google.common.util.concurrent.RateLimiter workspaceLimit;
    public static final AtomicInteger RATE_LIMITED = new AtomicInteger();

    /** Faults for the Bot Connector's create-conversation call, one per call: "403" (the bot may not chat with them). */
    public static final java.util.Queue<String> CREATE_FAULTS = new java.util.concurrent.ConcurrentLinkedQueue<>();

    /** How long "timeout" stalls (longer than Pacer's read timeout in tests). */
    public static volatile long TIMEOUT_MILLIS = 3_000;
    private static final AtomicInteger IDS = new AtomicInteger();

    @Override
    public synchronized Map<String, String> start() {
        if (server == null) {
            // Slack and Microsoft answer at once; the JDK's server, with Nagle's algorithm on, holds small answers
            // back until the client's delayed ACK (about 40 ms each), which Pacer would wait for in every test
            System.setProperty("sun.net.httpserver.nodelay", "true");
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            server.createContext("/", FakePlatforms::handle);
            server.setExecutor(Executors.newFixedThreadPool(16));
            server.start();
            base = "http://127.0.0.1:" + server.getAddress().getPort();
        }
        Map<String, String> config = new LinkedHashMap<>();
        config.put("pacer.slack.signing-secret", SIGNING_SECRET);
        config.put("pacer.slack.bot-token", BOT_TOKEN);
        config.put("pacer.slack.api-url", base + "/api/");
        config.put("pacer.teams.app-id", TEAMS_APP_ID);
        config.put("pacer.teams.app-password", TEAMS_PASSWORD);
        config.put("pacer.teams.openid-metadata-url", base + "/openid/.well-known/openidconfiguration");
        config.put("pacer.teams.token-url", base + "/oauth2/v2.0/token");
        config.put("pacer.teams.allowed-tenants", String.join(",", ALLOWED_TENANTS));
        config.put("pacer.slack.timeout", "1s");
        config.put("pacer.delivery.backoff-base", "200ms");
        config.put("pacer.delivery.backoff-max", "1s");
        config.put("pacer.delivery.poll-interval", "100ms");
        return config;
    }

    @Override
    public void stop() {
        // shared by all test classes of this JVM
    }

    public static String base() {
        return base;
    }

    /** The Bot Connector base URL activities name as their {@code serviceUrl}. */
    public static String serviceUrl() {
        return base + "/teams/";
    }

    public static String responseUrl(String id) {
        return base + "/slack/response/" + id;
    }

    /**
     * The next answer Pacer posts to {@link #responseUrl(String) responseUrl(id)}, or (Teams) into the conversation
     * with this id; ask before sending the request. Completes when it arrives (its {@link Call#receivedNanos()} is
     * when), without polling.
     */
    public static java.util.concurrent.CompletableFuture<Call> answerAt(String id) {
        return ANSWERS.computeIfAbsent(id, k -> new java.util.concurrent.CompletableFuture<>());
    }

    public static List<Call> calls(String method, String pathPart) {
        return CALLS.stream().filter(c -> c.method().equals(method) && c.path().contains(pathPart)).toList();
    }

    private static void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        byte[] raw = exchange.getRequestBody().readAllBytes();
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        JsonNode parsed = path.startsWith("/upload/") ? JSON.createObjectNode() : FakeSlackWebApi.params(type, raw);
        String answered = path.startsWith("/slack/response/") ? path.substring("/slack/response/".length())
                : path.startsWith("/teams/v3/conversations/") && path.contains("/activities") && "POST".equals(method)
                ? java.net.URLDecoder.decode(path.split("/")[4], StandardCharsets.UTF_8) : null;
        if (answered != null) {
            var waiting = ANSWERS.remove(answered);
            if (waiting != null) {
                waiting.complete(new Call(method, path, parsed));
            }
        }
        if (record && !path.startsWith("/openid")) {
            CALLS.add(new Call(method, path, parsed));
        }
        if (path.startsWith("/teams/v3/conversations/") && path.contains("/activities")) {
            checkCards(method + " " + path, parsed);
        }
        if (path.startsWith("/api/")) {
            send(exchange, SLACK.call(path.substring("/api/".length()), parsed, exchange.getRequestHeaders().getFirst("Authorization")));
        } else if (path.startsWith("/upload/")) {
            send(exchange, SLACK.upload(path.substring("/upload/".length()), raw));
        } else if (path.startsWith("/slack/response/")) {
            send(exchange, SLACK.respond(answered, parsed));
        } else if (path.equals("/openid/.well-known/openidconfiguration")) {
            ObjectNode metadata = JSON.createObjectNode();
            metadata.put("issuer", "https://api.botframework.com");
            metadata.put("authorization_endpoint", "https://invalid.botframework.com");
            metadata.put("jwks_uri", base + "/openid/keys");
            metadata.putArray("id_token_signing_alg_values_supported").add("RS256");
            metadata.putArray("token_endpoint_auth_methods_supported").add("private_key_jwt");
            send(exchange, 200, "application/json", metadata.toString());
        } else if (path.equals("/openid/keys")) {
            send(exchange, 200, "application/json", jwks().toString());
        } else if (path.equals("/oauth2/v2.0/token")) {
            TOKEN_REQUESTS.incrementAndGet();
            boolean valid = "client_credentials".equals(parsed.path("grant_type").asText())
                    && TEAMS_APP_ID.equals(parsed.path("client_id").asText())
                    && TEAMS_PASSWORD.equals(parsed.path("client_secret").asText());
            if (!valid) {
                send(exchange, 401, "application/json", "{\"error\":\"invalid_client\"}");
                return;
            }
            send(exchange, 200, "application/json",
                    "{\"token_type\":\"Bearer\",\"expires_in\":3599,\"ext_expires_in\":3599,\"access_token\":\"connector-token-1\"}");
        } else if (path.equals("/teams/v3/conversations") && "POST".equals(method)) {
            createConversation(exchange, parsed);
        } else if (path.startsWith("/teams/v3/conversations/")) {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (!"Bearer connector-token-1".equals(auth)) {
                send(exchange, 401, "application/json", "{\"error\":{\"code\":\"Unauthorized\"}}");
                return;
            }
            String fault = path.endsWith("/activities") ? TEAMS_FAULTS.poll() : null;
            if (fault != null) {
                if (fault.equals("429")) {
                    exchange.getResponseHeaders().add("Retry-After", "1");
                }
                send(exchange, Integer.parseInt(fault), "application/json", "{\"error\":{\"code\":\"Fault\"}}");
                return;
            }
            send(exchange, 200, "application/json", "{\"id\":\"1:reply-" + IDS.incrementAndGet() + "\"}");
        } else {
            send(exchange, 404, "text/plain", "not found");
        }
    }

    /**
     * The Bot Connector's {@code POST /v3/conversations} as Teams answers it for a 1:1 chat: one member, the bot, and
     * the tenant (Teams refuses a conversation without one); the answer is the member's personal conversation, the
     * same id their own messages to the bot carry ({@code a:personal-<user>} here). Group conversations are not
     * something Pacer creates, so the fake refuses them like an unknown shape.
     */
    private static void createConversation(HttpExchange exchange, JsonNode parameters) throws IOException {
        if (!"Bearer connector-token-1".equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            send(exchange, 401, "application/json", "{\"error\":{\"code\":\"Unauthorized\"}}");
            return;
        }
        String fault = CREATE_FAULTS.poll();
        if (fault != null) {
            send(exchange, Integer.parseInt(fault), "application/json", "{\"error\":{\"code\":\"Forbidden\"}}");
            return;
        }
        JsonNode members = parameters.path("members");
        String tenant = parameters.path("tenantId").asText(parameters.path("channelData").path("tenant").path("id").asText(""));
        boolean valid = members.isArray() && members.size() == 1 && !members.get(0).path("id").asText("").isEmpty()
                && !parameters.path("isGroup").asBoolean(false) && !parameters.path("bot").path("id").asText("").isEmpty()
                && !tenant.isEmpty();
        if (!valid) {
            send(exchange, 400, "application/json", "{\"error\":{\"code\":\"BadArgument\"}}");
            return;
        }
        send(exchange, 201, "application/json",
                JSON.createObjectNode().put("id", "a:personal-" + members.get(0).path("id").asText()).toString());
    }

    /**
     * Every Adaptive Card attachment of an activity Pacer sends (posted or updated) against the 1.5 schema. The Bot
     * Connector itself does not validate cards (Teams drops what it cannot render), so the fake records, never refuses.
     */
    private static void checkCards(String call, JsonNode activity) {
        for (JsonNode attachment : activity.path("attachments")) {
            if (!"application/vnd.microsoft.card.adaptive".equals(attachment.path("contentType").asText())) {
                continue;
            }
            List<String> problems = AdaptiveCardSchema.problems(attachment.path("content"));
            if (!problems.isEmpty()) {
                PAYLOAD_VIOLATIONS.add(call + ": " + AdaptiveCardSchema.report(attachment.path("content"), problems));
            }
        }
    }

    /**
     * The tests' Slack workspace: any user exists (but {@code UGONE…}), any channel (but {@code CGONE…}), users.info
     * answers from {@link #SLACK_USERS}, and calls fail as {@link #SLACK_FAULTS}, {@link #UPLOAD_FAULTS} and
     * {@link #SLACK_WORKSPACE_LIMIT} say.
     */
    private static final class TestWorkspace implements FakeSlackWebApi.Workspace {

        private static final FakeSlackWebApi.Team TEAM = new FakeSlackWebApi.Team("T0ACME", "Acme", "https://acme.slack.com/",
                BOT_USER, "BPACER");

        @Override
        public FakeSlackWebApi.Team team() {
            return TEAM;
        }

        @Override
        public boolean validToken(String token) {
            return BOT_TOKEN.equals(token) || token.startsWith("xoxb-bench-"); // the benchmark's bare Bolt app has its own
        }

        @Override
        public Optional<String> directMessageChannel(String user) {
            return user.startsWith("UGONE") ? Optional.empty() : Optional.of("D" + user.replace("U", ""));
        }

        @Override
        public Optional<FakeSlackWebApi.User> user(String id) {
            String[] profile = SLACK_USERS.getOrDefault(id, new String[] {"en-US", "America/New_York"});
            return Optional.of(new FakeSlackWebApi.User(id, SLACK_USER_TEAMS.get(id), id.toLowerCase(), "Real " + id,
                    profile.length > 2 ? profile[2] : "Display " + id, profile[1], profile[0], SLACK_GUESTS.contains(id)));
        }

        @Override
        public String uploadUrl(String fileId) {
            return base + "/upload/" + fileId;
        }

        @Override
        public List<String> blockProblems(String surface, JsonNode payload) {
            List<String> problems = BlockKitLimits.problems(BlockKitLimits.Surface.valueOf(surface.toUpperCase()), payload);
            if (!problems.isEmpty()) {
                PAYLOAD_VIOLATIONS.add(BlockKitLimits.report("Slack " + surface, payload, problems));
            }
            return problems;
        }

        @Override
        public boolean channelExists(String channel) {
            return !channel.startsWith("CGONE");
        }

        @Override
        public Optional<FakeSlackWebApi.Fault> fault(String method, JsonNode params) {
            String fault = switch (method) {
                case "chat.postMessage" -> {
                    String queued = SLACK_FAULTS.poll();
                    if (queued == null && SLACK_WORKSPACE_LIMIT > 0 && !withinLimits(params.path("channel").asText())) {
                        RATE_LIMITED.incrementAndGet();
                        queued = "429";
                    }
                    yield queued;
                }
                case "files.completeUploadExternal" -> UPLOAD_FAULTS.poll();
                default -> null;
            };
            return Optional.ofNullable(fault == null ? null : switch (fault) {
                case "429" -> FakeSlackWebApi.Fault.rateLimited();
                case "500" -> FakeSlackWebApi.Fault.serverError();
                case "timeout" -> FakeSlackWebApi.Fault.timeout(Duration.ofMillis(TIMEOUT_MILLIS));
                case "post-then-500", "share-then-500" -> FakeSlackWebApi.Fault.answerLost();
                default -> null;
            });
        }
    }

    private static synchronized boolean withinLimits(String channel) {
        if (workspaceLimit == null || workspaceLimit.getRate() != SLACK_WORKSPACE_LIMIT) {
            workspaceLimit = com.google.common.util.concurrent.RateLimiter.create(SLACK_WORKSPACE_LIMIT);
        }
        var perChannel = CHANNEL_LIMITS.computeIfAbsent(channel, c -> com.google.common.util.concurrent.RateLimiter.create(1.0));
        return perChannel.tryAcquire() && workspaceLimit.tryAcquire();
    }

    /** Every Slack message posted with this outbox key (0 or 1 expected; more is a duplicate). */
    public static long postsWithKey(String key) {
        return SLACK_HISTORY.values().stream().flatMap(List::stream)
                .filter(m -> key.equals(m.path("metadata").path("event_payload").path("key").asText())).count();
    }

    private static ObjectNode jwks() {
        RSAPublicKey key = (RSAPublicKey) SIGNING_KEY.getPublic();
        ObjectNode jwks = JSON.createObjectNode();
        ObjectNode jwk = jwks.putArray("keys").addObject();
        jwk.put("kty", "RSA").put("use", "sig").put("kid", KEY_ID).put("alg", "RS256")
                .put("n", b64(key.getModulus().toByteArray())).put("e", b64(key.getPublicExponent().toByteArray()));
        // the Bot Framework's signing keys endorse every channel the service runs, not Teams alone
        jwk.putArray("endorsements").add("msteams").add("webchat").add("directline").add("emulator").add("slack");
        return jwks;
    }

    private static String b64(byte[] bytes) {
        int skip = bytes.length > 1 && bytes[0] == 0 ? 1 : 0;
        byte[] unsigned = java.util.Arrays.copyOfRange(bytes, skip, bytes.length);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(unsigned);
    }

    private static void send(HttpExchange exchange, FakeSlackWebApi.Answer answer) throws IOException {
        answer.headers().forEach(exchange.getResponseHeaders()::add);
        send(exchange, answer.status(), answer.contentType(), answer.body());
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** A key the fake does not publish: tokens signed with it must be refused. */
    public static KeyPair rsaForTests() {
        return rsa();
    }

    static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
