package app.pacer.imports;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * {@code POST /imports/<token>/upload}: the file, as multipart form data, streamed to a temporary file (never
 * held in memory), up to {@link #MAX_BYTES}. Everything else Pacer serves refuses bodies over 1 MB before reading
 * them ({@code quarkus.http.limits.max-body-size}); this one route runs ahead of that limit with its own 50 MB
 * one, and only for a live import token. A bigger file is refused from its announced length, or cut off while
 * being read, with the page's own message.
 */
@ApplicationScoped
public class UploadRoute {

    private static final Logger LOG = Logger.getLogger(UploadRoute.class);
    static final long MAX_BYTES = 50L * 1024 * 1024;
    /** Room for the multipart framing around a 50 MB file. */
    private static final long MAX_BODY = MAX_BYTES + 64 * 1024;
    /** Quarkus's own body-size check runs at order -2: this route comes first. */
    private static final int ORDER = -10;

    private final Imports imports;
    private final ImportView view;
    private final ImportPage page;

    public UploadRoute(Imports imports, ImportView view, ImportPage page) {
        this.imports = imports;
        this.view = view;
        this.page = page;
    }

    void register(@Observes Router router) {
        String uploads = Path.of(System.getProperty("java.io.tmpdir"), "pacer-import-uploads").toString();
        // a body handler must come first on its route: the check before it is a route of its own, and leaves the
        // request paused for the body handler to resume
        router.post("/imports/:token/upload").order(ORDER - 1).handler(this::precheck);
        router.post("/imports/:token/upload").order(ORDER)
                .handler(BodyHandler.create(uploads).setBodyLimit(MAX_BODY).setDeleteUploadedFilesOnEnd(true)
                        .setHandleFileUploads(true).setMergeFormAttributes(false))
                .blockingHandler(this::upload, false)
                .failureHandler(this::failed);
    }

    private Optional<Imports.Job> job(RoutingContext ctx) {
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> imports.byToken(ctx.pathParam("token")));
    }

    /** An unknown token is a 404 before a byte is read; a body announced too long is refused from its length. */
    private void precheck(RoutingContext ctx) {
        ctx.request().pause();
        ctx.vertx().<Optional<Imports.Job>>executeBlocking(() -> job(ctx), false).onComplete(result -> {
            if (result.failed() || result.result().isEmpty()) {
                send(ctx, 404, ImportView.notFound(), "text/plain; charset=utf-8", null, true);
                return;
            }
            String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && length.matches("\\d{1,19}") && Long.parseLong(length) > MAX_BODY) {
                ImportView.Page tooLarge = view.tooLarge(result.result().get());
                send(ctx, 413, tooLarge.html(), "text/html; charset=utf-8", tooLarge.nonce(), true);
                return;
            }
            ctx.next();
        });
    }

    private void upload(RoutingContext ctx) {
        Optional<Imports.Job> found = job(ctx);
        if (found.isEmpty()) {
            send(ctx, 404, ImportView.notFound(), "text/plain; charset=utf-8", null, false);
            return;
        }
        Imports.Job job = found.get();
        FileUpload file = ctx.fileUploads().stream().filter(f -> f.name().equals("file")).findFirst().orElse(null);
        ImportView.Page result;
        if (job.state() != Imports.State.NEW && job.state() != Imports.State.STAGED) {
            result = page.render(job, null);
        } else if (file == null || file.size() == 0) {
            result = view.upload(job, view.messages(job).get("import.error.empty"));
        } else {
            try {
                imports.stage(job, Path.of(file.uploadedFileName()), file.fileName());
                ctx.response().setStatusCode(303).putHeader("Location", "/imports/" + job.token())
                        .putHeader("Cache-Control", "no-store").end();
                return;
            } catch (BadFile bad) {
                Imports.Job current = job(ctx).orElse(job);
                String message = view.messages(current).get(bad.key, bad.args);
                result = current.state() == Imports.State.STAGED ? page.render(current, message) : view.upload(current, message);
            } catch (RuntimeException e) {
                LOG.warnf(e, "Import %d: the upload could not be read", job.id());
                result = view.upload(job, view.messages(job).get("import.error.unreadable"));
            } finally {
                try {
                    Files.deleteIfExists(Path.of(file.uploadedFileName()));
                } catch (java.io.IOException e) {
                    LOG.debugf("Could not delete %s", file.uploadedFileName());
                }
            }
        }
        send(ctx, result.status(), result.html(), "text/html; charset=utf-8", result.nonce(), false);
    }

    /** Cut off while reading (a chunked body past the limit) or another failure: the page says so, never a 500. */
    private void failed(RoutingContext ctx) {
        if (ctx.response().ended()) {
            return;
        }
        int status = ctx.statusCode();
        ctx.vertx().<Optional<Imports.Job>>executeBlocking(() -> job(ctx), false).onComplete(result -> {
            if (result.failed() || result.result().isEmpty()) {
                send(ctx, 404, ImportView.notFound(), "text/plain; charset=utf-8", null, true);
            } else if (status == 413) {
                ImportView.Page tooLarge = view.tooLarge(result.result().get());
                send(ctx, 413, tooLarge.html(), "text/html; charset=utf-8", tooLarge.nonce(), true);
            } else {
                if (ctx.failure() != null) {
                    LOG.warnf(ctx.failure(), "Import upload failed (%d)", status);
                }
                ImportView.Page again = view.upload(result.result().get(),
                        view.messages(result.result().get()).get("import.error.unreadable"));
                send(ctx, 400, again.html(), "text/html; charset=utf-8", again.nonce(), true);
            }
        });
    }

    private static void send(RoutingContext ctx, int status, String body, String type, String nonce, boolean close) {
        if (ctx.response().ended()) {
            return;
        }
        var response = ctx.response().setStatusCode(status).putHeader("Content-Type", type)
                .putHeader("Content-Security-Policy", ImportView.csp(nonce)).putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "no-referrer").putHeader("Cache-Control", "no-store");
        if (close) {
            response.putHeader("Connection", "close");
        }
        response.end(body);
    }
}
