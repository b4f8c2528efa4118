package app.pacer.imports;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /imports/<token>}: the member's import page (one hour), its mapping form, its progress (JSON) and the
 * failed rows' CSV. The upload itself is {@link UploadRoute}. An unknown or expired token is a plain 404 that
 * says nothing about why.
 */
@Path("/imports/{token}")
public class ImportPage {

    private final Imports imports;
    private final ImportView view;
    private final EntityManager em;

    public ImportPage(Imports imports, ImportView view, EntityManager em) {
        this.imports = imports;
        this.view = view;
        this.em = em;
    }

    private Optional<Imports.Job> job(String token) {
        return QuarkusTransaction.requiringNew().call(() -> imports.byToken(token));
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response show(@PathParam("token") String token) {
        Optional<Imports.Job> job = job(token);
        if (job.isEmpty()) {
            return notFound();
        }
        return respond(render(job.get(), null));
    }

    ImportView.Page render(Imports.Job job, String error) {
        return switch (job.state()) {
            case NEW -> view.upload(job, error);
            case STAGED -> view.mapping(job, imports.preview(job), firstRow(job), error);
            case QUEUED, RUNNING -> view.progress(job);
            case DONE -> view.done(job);
            case UNDONE -> view.undone(job);
        };
    }

    private List<String> firstRow(Imports.Job job) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<?> rows = em.createNativeQuery("SELECT cells FROM lead_import_row WHERE import_id = ?1 AND row_no = 1")
                    .setParameter(1, job.id()).getResultList();
            return rows.isEmpty() ? List.<String>of() : Arrays.asList((String[]) rows.get(0));
        });
    }

    @POST
    @Path("map")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response map(@PathParam("token") String token, MultivaluedMap<String, String> form) {
        Optional<Imports.Job> found = job(token);
        if (found.isEmpty()) {
            return notFound();
        }
        Imports.Job job = found.get();
        String action = Optional.ofNullable(form.getFirst("action")).orElse("preview");
        if (job.state() != Imports.State.STAGED) {
            return seeOther(token);
        }
        if (action.equals("restart")) {
            imports.restart(job);
            return seeOther(token);
        }
        List<Field> mapping = new ArrayList<>();
        for (int i = 0; i < job.headers().size(); i++) {
            String chosen = form.getFirst("col" + i);
            mapping.add(chosen == null ? (i < job.mapping().size() ? job.mapping().get(i) : Field.IGNORE) : Field.ofKey(chosen));
        }
        Imports.Duplicates duplicates;
        try {
            duplicates = Imports.Duplicates.valueOf(Optional.ofNullable(form.getFirst("duplicates")).orElse("SKIP"));
        } catch (IllegalArgumentException e) {
            duplicates = Imports.Duplicates.SKIP;
        }
        imports.saveMapping(job, mapping, duplicates);
        Imports.Job saved = job(token).orElseThrow();
        if (action.equals("import")) {
            boolean named = mapping.stream().anyMatch(f -> f == Field.NAME || f == Field.FIRST_NAME || f == Field.LAST_NAME
                    || f == Field.COMPANY);
            if (!named) {
                return respond(render(saved, view.messages(saved).get("page.import.no_name")).withStatus(400));
            }
            imports.queue(saved);
        }
        return seeOther(token);
    }

    @GET
    @Path("progress")
    @Produces(MediaType.APPLICATION_JSON)
    public Response progress(@PathParam("token") String token) {
        Optional<Imports.Job> found = job(token);
        if (found.isEmpty()) {
            return notFound();
        }
        Imports.Job j = found.get();
        return Response.ok(Map.of("state", j.state().name(), "total", j.total(), "done", j.done(), "added", j.added(),
                "updated", j.updated(), "skipped", j.skipped(), "failed", j.failed()))
                .header("Cache-Control", "no-store").build();
    }

    @GET
    @Path("failures.csv")
    public Response failures(@PathParam("token") String token) {
        Optional<Imports.Job> found = QuarkusTransaction.requiringNew().call(() -> imports.byFailuresToken(token));
        if (found.isEmpty() || found.get().state() == Imports.State.NEW || found.get().state() == Imports.State.STAGED) {
            return notFound();
        }
        return Response.ok(imports.failuresCsv(found.get()), "text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"pacer-import-" + found.get().id() + "-failed.csv\"")
                .header("Cache-Control", "no-store").header("X-Content-Type-Options", "nosniff").build();
    }

    static Response respond(ImportView.Page page) {
        return Response.status(page.status()).entity(page.html()).type("text/html; charset=utf-8")
                .header("Content-Security-Policy", ImportView.csp(page.nonce()))
                .header("X-Content-Type-Options", "nosniff").header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-store").build();
    }

    private static Response seeOther(String token) {
        return Response.seeOther(URI.create("/imports/" + token)).header("Cache-Control", "no-store").build();
    }

    static Response notFound() {
        return Response.status(Response.Status.NOT_FOUND).type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))
                .entity(ImportView.notFound()).header("Cache-Control", "no-store").build();
    }
}
