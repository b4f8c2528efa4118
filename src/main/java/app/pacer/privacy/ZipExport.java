package app.pacer.privacy;

import app.pacer.core.section.ExportSection;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The ZIP {@code export all} writes, one entry after the other straight into the compressed stream: rows are
 * never gathered into a string. CSV files are UTF-8 with a BOM (Excel then reads Chinese) and RFC 4180 quoting,
 * and text cells a spreadsheet would run as formulas are made inert.
 */
final class ZipExport implements ExportSection.Writer, AutoCloseable {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final ZipOutputStream zip;
    private final Writer text;
    private final Set<String> names = new HashSet<>();
    private CSVPrinter printer;
    private int files;

    ZipExport(OutputStream out) {
        this.zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        // the entries share one writer; closing an entry flushes it, never closes the stream
        this.text = new OutputStreamWriter(new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                zip.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                zip.write(b, off, len);
            }
        }, StandardCharsets.UTF_8);
    }

    int files() {
        return files;
    }

    private void next(String path) throws IOException {
        if (printer != null) {
            printer.flush();
            printer = null;
        }
        text.flush();
        if (!names.add(path)) {
            throw new IllegalStateException("two export files named " + path);
        }
        zip.putNextEntry(new ZipEntry(path));
        files++;
    }

    @Override
    public ExportSection.Csv csv(String name, String... header) {
        try {
            next(name + ".csv");
            zip.write(BOM);
            CSVPrinter csv = new CSVPrinter(text, CSVFormat.RFC4180);
            csv.printRecord((Object[]) header);
            printer = csv;
            return cells -> {
                if (printer != csv) {
                    throw new IllegalStateException(name + ".csv is finished: another file began");
                }
                try {
                    for (Object cell : cells) {
                        csv.print(cell(cell));
                    }
                    csv.println();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void text(String path, String content) {
        try {
            next(path);
            text.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof BigDecimal amount) {
            return amount.stripTrailingZeros().toPlainString();
        }
        if (value instanceof java.time.OffsetDateTime at) {
            return at.toInstant().toString();
        }
        if (value instanceof java.sql.Timestamp at) {
            return at.toInstant().toString();
        }
        if (value instanceof java.sql.Date day) {
            return day.toLocalDate().toString();
        }
        if (value instanceof Number || value instanceof Boolean || value instanceof Instant || value instanceof java.time.LocalDate) {
            return value.toString();
        }
        return ExportSection.inert(value.toString());
    }

    @Override
    public void close() {
        try {
            if (printer != null) {
                printer.flush();
            }
            text.flush();
            zip.finish();
            zip.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
