package app.pacer.playground;

import java.util.Set;
import java.util.function.Function;

/**
 * Whether the playground runs, and where Pacer reaches itself. It is off unless enabled, and refused when Pacer
 * listens beyond loopback unless explicitly made public: the playground signs requests as anyone, so whoever
 * reaches it can act as any demo member. One rule, used both by the configuration defaults and by the beans.
 *
 * @param enabled   {@code pacer.playground.enabled}
 * @param refused   enabled, but not allowed on this bind address
 * @param host      the HTTP bind address
 * @param selfUrl   Pacer's own base URL as the playground calls it (loopback when bound to every address)
 */
record PlaygroundSettings(boolean enabled, boolean refused, String host, String selfUrl) {

    static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "::1", "[::1]", "0:0:0:0:0:0:0:1");

    boolean active() {
        return enabled && !refused;
    }

    /**
     * @param lookup      a configuration value by name (profile-aware), or null
     * @param devOrTest   whether Quarkus runs in dev or test mode (their default bind address is localhost)
     * @param test        whether in test mode (the port is {@code quarkus.http.test-port})
     */
    static PlaygroundSettings from(Function<String, String> lookup, boolean devOrTest, boolean test) {
        boolean enabled = Boolean.parseBoolean(trim(lookup.apply("pacer.playground.enabled")));
        boolean publicAccess = Boolean.parseBoolean(trim(lookup.apply("pacer.playground.public")));
        String host = trim(lookup.apply("quarkus.http.host"));
        if (host == null || host.isEmpty()) {
            host = devOrTest ? "localhost" : "0.0.0.0";
        }
        String port = trim(lookup.apply(test ? "quarkus.http.test-port" : "quarkus.http.port"));
        if (port == null || port.isEmpty()) {
            port = test ? "8081" : "8080";
        }
        boolean loopback = LOOPBACK.contains(host.toLowerCase(java.util.Locale.ROOT)) || host.startsWith("127.");
        String selfHost = host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]") ? "127.0.0.1"
                : host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return new PlaygroundSettings(enabled, enabled && !loopback && !publicAccess, host,
                "http://" + selfHost + ":" + port);
    }

    private static String trim(String value) {
        return value == null ? null : value.trim();
    }
}
