package app.pacer.core.section;

import jakarta.persistence.EntityManager;
import java.util.stream.Stream;

/** Streams a native query's rows into an export CSV, a few hundred rows fetched at a time. */
public final class ExportQueries {

    static final int FETCH = 500;

    private ExportQueries() {
    }

    /** {@code sql} takes the workspace id as {@code ?1}; each row's columns become the CSV's cells, in order. */
    public static void stream(EntityManager em, String sql, long workspaceId, ExportSection.Csv csv) {
        @SuppressWarnings("unchecked")
        Stream<Object> rows = em.createNativeQuery(sql).setParameter(1, workspaceId)
                .setHint("org.hibernate.fetchSize", FETCH).getResultStream();
        try (rows) {
            rows.forEach(row -> csv.row(row instanceof Object[] cells ? cells : new Object[] {row}));
        }
    }
}
