package app.pacer.playground;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Locale;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The playground's actions act as its demo admin, with no login: any page a developer visits while it runs could
 * post to them. A cross-site {@code text/plain} or form post needs no CORS preflight, so the actions take
 * {@code application/json} only (which a cross-site page can send only after a preflight Pacer never grants), and
 * a request a browser marks as coming from another site ({@code Sec-Fetch-Site}, {@code Origin}) is refused even
 * so. Clients that are not browsers send neither header and are let through on JSON alone.
 */
public class PlaygroundOriginGuard {

    private final Playground playground;

    public PlaygroundOriginGuard(Playground playground) {
        this.playground = playground;
    }

    @ServerRequestFilter
    public Response guard(ContainerRequestContext request) {
        if (!"POST".equals(request.getMethod()) || !request.getUriInfo().getPath().startsWith(PlaygroundPaths.API + "/")) {
            return null;
        }
        playground.requireActive(); // switched off, the playground is not there at all: 404 before anything else
        MediaType type = request.getMediaType();
        if (type == null || !MediaType.APPLICATION_JSON_TYPE.isCompatible(type) || type.isWildcardType()
                || type.isWildcardSubtype()) {
            return Response.status(Response.Status.UNSUPPORTED_MEDIA_TYPE).entity("the playground takes application/json")
                    .type(MediaType.TEXT_PLAIN).build();
        }
        String site = request.getHeaderString("Sec-Fetch-Site");
        if (site != null && !site.equalsIgnoreCase("same-origin")) {
            return crossSite();
        }
        String origin = request.getHeaderString("Origin");
        if (origin != null && !sameOrigin(origin, request.getHeaderString("Host"))) {
            return crossSite();
        }
        return null;
    }

    /** The Origin's host and port are the ones the request was sent to ({@code null}, a sandboxed page, is not). */
    static boolean sameOrigin(String origin, String host) {
        if (host == null || host.isBlank()) {
            return false;
        }
        try {
            URI uri = URI.create(origin.trim());
            if (uri.getHost() == null || uri.getScheme() == null) {
                return false;
            }
            int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
            String expected = uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
            String given = host.trim().toLowerCase(Locale.ROOT);
            return given.equals(expected) || given.equals(uri.getHost().toLowerCase(Locale.ROOT)) && uri.getPort() == -1;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Response crossSite() {
        return Response.status(Response.Status.FORBIDDEN).entity("the playground answers its own page only")
                .type(MediaType.TEXT_PLAIN).build();
    }
}
