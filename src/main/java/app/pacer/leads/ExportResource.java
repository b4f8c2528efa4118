package app.pacer.leads;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * {@code GET /exports/<token>}: an export behind a random 256-bit token, valid for a day. An unknown or expired
 * token is a plain 404 page, not an error.
 */
@Path("/exports/{token}")
public class ExportResource {

    private final EntityManager em;
    private final Clock clock;

    public ExportResource(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    @GET
    public Response download(@PathParam("token") String token) {
        if (token == null || !token.matches("[0-9a-f]{64}")) {
            return gone();
        }
        List<?> rows = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                        "SELECT filename, content FROM export_file WHERE token = ?1 AND expires_at > ?2")
                .setParameter(1, token).setParameter(2, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
                .getResultList());
        if (rows.isEmpty()) {
            return gone();
        }
        Object[] row = (Object[]) rows.get(0);
        String filename = (String) row[0];
        return Response.ok(row[1], filename.endsWith(".zip") ? "application/zip" : "text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"" + row[0] + "\"")
                .header("Cache-Control", "no-store")
                .header("X-Content-Type-Options", "nosniff").build();
    }

    private static Response gone() {
        return Response.status(Response.Status.NOT_FOUND).type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))
                .entity("This download link has expired or does not exist. Ask Pacer for a new export.\n"
                        + "此下载链接已过期或不存在,请重新导出。\n").build();
    }
}
