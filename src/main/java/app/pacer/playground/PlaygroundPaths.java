package app.pacer.playground;

/** Where the playground lives on Pacer's HTTP server. */
final class PlaygroundPaths {

    static final String PAGE = "/playground";
    static final String API = PAGE + "/api";
    /** The fake Slack Web API, response URLs, OpenID/JWKS, token endpoint and Bot Connector. */
    static final String FAKE = PAGE + "/fake";

    private PlaygroundPaths() {
    }
}
