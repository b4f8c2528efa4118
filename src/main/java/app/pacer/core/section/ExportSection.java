package app.pacer.core.section;

import app.pacer.core.reply.Language;
import java.time.Instant;
import java.time.ZoneId;

/**
 * A feature's part of {@code export all}: it writes its rows as CSV files (and any other files, such as the
 * knowledge base's Markdown) into the workspace's ZIP. The export knows none of its contributors; a new feature
 * adds its data by implementing this. Write row by row from a streamed query: a workspace may be large.
 */
public interface ExportSection {

    /** Where its files come in the ZIP; gaps of ten. */
    int order();

    void write(Context context, Writer out);

    /** A cell a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading apostrophe. */
    static String inert(String cell) {
        if (cell == null || cell.isEmpty()) {
            return "";
        }
        char first = cell.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + cell : cell;
    }

    /** Whose data, in which language (names of stages and metrics) and time zone (dates people read). */
    record Context(long workspaceId, Language language, ZoneId zone, Instant now) {
    }

    /** Where a section writes. Each file is complete before the next begins. */
    interface Writer {

        /** Starts {@code <name>.csv} with this header; its rows follow until the next file. */
        Csv csv(String name, String... header);

        /** A whole text file at {@code path} (UTF-8), such as {@code kb/12-pricing.md}. */
        void text(String path, String content);
    }

    /**
     * The rows of one CSV file, as a native query answers them: strings (made formula-safe), numbers, dates and
     * timestamps (written as ISO-8601 instants); null is an empty cell.
     */
    interface Csv {
        void row(Object... cells);
    }
}
