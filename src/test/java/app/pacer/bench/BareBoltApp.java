package app.pacer.bench;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.util.SlackRequestParser;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * The yardstick of the acknowledgement benchmark: Bolt for Java alone, on the JDK's HTTP server, verifying the
 * signature and acknowledging {@code /pacer} — no database, no work. Pacer's throughput is reported as a ratio
 * to this. Arguments: port, signing secret, Slack API URL and bot token (Bolt checks the token with auth.test).
 */
public final class BareBoltApp {

    private BareBoltApp() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        SlackConfig slackConfig = new SlackConfig();
        slackConfig.setMethodsEndpointUrlPrefix(args[2]);
        App app = new App(AppConfig.builder().signingSecret(args[1]).singleTeamBotToken(args.length > 3 ? args[3] : "xoxb-bare")
                .slack(Slack.getInstance(slackConfig)).build());
        app.command("/pacer", (request, context) -> context.ack());
        System.setProperty("sun.net.httpserver.nodelay", "true"); // no Nagle delay on small answers, as Pacer's Vert.x
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
        server.setExecutor(Executors.newFixedThreadPool(64));
        server.createContext("/slack/events", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, List<String>> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values));
            int status = 500;
            byte[] out = new byte[0];
            try {
                Request<?> request = new SlackRequestParser(app.config()).parse(SlackRequestParser.HttpRequest.builder()
                        .requestUri("/slack/events").queryString(Map.of())
                        .requestBody(new String(body, StandardCharsets.UTF_8)).headers(new RequestHeaders(headers)).build());
                com.slack.api.bolt.response.Response response = app.run(request);
                status = response.getStatusCode();
                out = response.getBody() == null ? new byte[0] : response.getBody().getBytes(StandardCharsets.UTF_8);
            } catch (Exception e) {
                e.printStackTrace();
                out = String.valueOf(e.getMessage()).getBytes(StandardCharsets.UTF_8);
            }
            exchange.sendResponseHeaders(status, out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(out);
                }
            }
            exchange.close();
        });
        server.start();
        System.out.println("bare bolt ready on " + port);
    }
}
