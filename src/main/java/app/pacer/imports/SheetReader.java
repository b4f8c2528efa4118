package app.pacer.imports;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

/**
 * Reads a spreadsheet row by row without holding it: CSV (UTF-8 with or without BOM, else GB18030 — what Excel on
 * Chinese Windows saves — UTF-16 with a BOM; the delimiter sniffed among comma, semicolon, tab and pipe) and XLSX
 * (the first sheet, through POI's SAX event API; formulas give their saved results, never evaluated). Anything else
 * is a {@link BadFile} with a reason a person understands.
 */
final class SheetReader {

    static final int MAX_ROWS = 200_000;
    static final int MAX_COLUMNS = 200;
    /** Longer cells are cut here when read; the longest lead field is 2,000, so a cut cell is still reported cut. */
    static final int MAX_CELL = 2_001;
    private static final char[] DELIMITERS = {',', ';', '\t', '|'};

    interface Sink {
        void row(List<String> cells) throws BadFile;
    }

    static {
        // zip bombs: refuse entries that inflate more than 100 times (POI's default is 100), or past 256 MB each
        ZipSecureFile.setMinInflateRatio(0.01);
        ZipSecureFile.setMaxEntrySize(256L * 1024 * 1024);
    }

    private SheetReader() {
    }

    /** Reads every row (the header first) into {@code sink}; the format read, as "CSV · UTF-8 · ;" or "XLSX". */
    static String read(Path file, Sink sink) throws BadFile, IOException {
        byte[] head = new byte[8192];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        if (n == 0) {
            throw new BadFile("import.error.empty");
        }
        if (n >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            xlsx(file, sink);
            return "XLSX";
        }
        if (n >= 4 && (head[0] & 0xff) == 0xD0 && (head[1] & 0xff) == 0xCF && (head[2] & 0xff) == 0x11) {
            throw new BadFile("import.error.xls");
        }
        Charset charset;
        int skip = 0;
        if (n >= 2 && (head[0] & 0xff) == 0xFF && (head[1] & 0xff) == 0xFE) {
            charset = StandardCharsets.UTF_16LE;
            skip = 2;
        } else if (n >= 2 && (head[0] & 0xff) == 0xFE && (head[1] & 0xff) == 0xFF) {
            charset = StandardCharsets.UTF_16BE;
            skip = 2;
        } else {
            if (binary(head, n)) {
                throw new BadFile("import.error.binary");
            }
            charset = decodes(file, StandardCharsets.UTF_8) ? StandardCharsets.UTF_8 : Charset.forName("GB18030");
            if (charset != StandardCharsets.UTF_8 && !decodes(file, charset)) {
                throw new BadFile("import.error.binary");
            }
            if (charset == StandardCharsets.UTF_8 && n >= 3 && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB
                    && (head[2] & 0xff) == 0xBF) {
                skip = 3;
            }
        }
        String sample = new String(head, skip, n - skip, charset);
        char delimiter = sniff(sample);
        csv(file, skip, charset, delimiter, sink);
        String name = charset == StandardCharsets.UTF_8 ? "UTF-8" : charset.name();
        return "CSV · " + name + " · " + (delimiter == '\t' ? "tab" : String.valueOf(delimiter));
    }

    /** NUL bytes or many control characters in the first 8 KB: not text. */
    private static boolean binary(byte[] head, int n) {
        int control = 0;
        for (int i = 0; i < n; i++) {
            int b = head[i] & 0xff;
            if (b == 0) {
                return true;
            }
            if (b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != 0x0c) {
                control++;
            }
        }
        return control > n / 50 + 2;
    }

    /** Whether the whole file decodes strictly in {@code charset} (streamed, 64 KB at a time). */
    private static boolean decodes(Path file, Charset charset) throws IOException {
        CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.allocate(64 * 1024);
        CharBuffer out = CharBuffer.allocate(64 * 1024);
        try (var channel = Files.newByteChannel(file)) {
            boolean eof = false;
            while (!eof) {
                eof = channel.read(in) < 0;
                in.flip();
                var result = decoder.decode(in, out, eof);
                if (result.isError()) {
                    return false;
                }
                out.clear();
                in.compact();
            }
            in.flip();
            return !decoder.flush(out).isError() && !in.hasRemaining();
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /**
     * The delimiter that splits the first lines (quotes respected) into the same number of fields, more than one;
     * of several, the one giving the most fields; comma when nothing fits.
     */
    static char sniff(String sample) {
        String[] lines = sample.split("\r\n|\n|\r");
        int usable = Math.max(1, Math.min(lines.length - (lines.length > 1 ? 1 : 0), 20));
        char best = ',';
        int bestFields = 1;
        for (char d : DELIMITERS) {
            int fields = -1;
            boolean consistent = true;
            for (int i = 0; i < usable; i++) {
                if (lines[i].isBlank()) {
                    continue;
                }
                int count = count(lines[i], d) + 1;
                if (fields < 0) {
                    fields = count;
                } else if (count != fields) {
                    consistent = false;
                }
            }
            if (fields > 1 && (consistent ? fields + 1000 : fields) > bestFields) {
                bestFields = consistent ? fields + 1000 : fields;
                best = d;
            }
        }
        return best;
    }

    private static int count(String line, char d) {
        int count = 0;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == d && !quoted) {
                count++;
            }
        }
        return count;
    }

    private static void csv(Path file, int skip, Charset charset, char delimiter, Sink sink) throws IOException, BadFile {
        CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(delimiter).setIgnoreEmptyLines(true)
                .setAllowMissingColumnNames(true).get();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024)) {
            in.skipNBytes(skip);
            Reader reader = new InputStreamReader(in, charset);
            try (CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get()) {
                for (CSVRecord record : parser) {
                    List<String> cells = new ArrayList<>(record.size());
                    for (String cell : record) {
                        cells.add(cut(cell));
                    }
                    sink.row(cells);
                }
            } catch (java.io.UncheckedIOException | IllegalStateException e) {
                throw new BadFile("import.error.csv", e.getMessage() == null ? "" : e.getMessage());
            }
        }
    }

    static String cut(String cell) {
        if (cell == null) {
            return "";
        }
        return cell.length() > MAX_CELL ? cell.substring(0, MAX_CELL) : cell;
    }

    private static void xlsx(Path file, Sink sink) throws BadFile, IOException {
        try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
            XSSFReader reader = new XSSFReader(pkg);
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg, false);
            XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
            if (!sheets.hasNext()) {
                throw new BadFile("import.error.empty");
            }
            try (InputStream sheet = sheets.next()) {
                XMLReader parser = XMLHelper.newXMLReader();
                RowCollector rows = new RowCollector(sink);
                parser.setContentHandler(new XSSFSheetXMLHandler(reader.getStylesTable(), null, strings, rows,
                        new IsoDates(), false));
                parser.parse(new InputSource(sheet));
                rows.flush();
            }
        } catch (BadFile e) {
            throw e;
        } catch (StopReading e) {
            throw e.reason;
        } catch (SAXException e) {
            if (e.getException() instanceof BadFile bad) {
                throw bad;
            }
            throw new BadFile("import.error.xlsx");
        } catch (ParserConfigurationException | org.apache.poi.openxml4j.exceptions.OpenXML4JException
                | org.apache.poi.ooxml.POIXMLException | IOException | IllegalArgumentException | IllegalStateException e) {
            throw bomb(e) ? new BadFile("import.error.zip_bomb") : new BadFile("import.error.xlsx");
        }
    }

    private static boolean bomb(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if (m.contains("Zip bomb") || m.contains("zip bomb") || m.contains("MaxEntrySize") || m.contains("max entry size")) {
                return true;
            }
        }
        return false;
    }

    /** Date cells as ISO dates (2026-12-01), whatever their display format; other cells as Excel shows them. */
    private static final class IsoDates extends DataFormatter {
        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString, boolean use1904) {
            if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
                LocalDate day = DateUtil.getLocalDateTime(value, use1904).toLocalDate();
                return day.format(DateTimeFormatter.ISO_LOCAL_DATE);
            }
            return super.formatRawCellContents(value, formatIndex, formatString, use1904);
        }
    }

    /** Sparse SAX cells into whole rows, blank rows dropped. */
    private static final class RowCollector implements XSSFSheetXMLHandler.SheetContentsHandler {
        private final Sink sink;
        private final List<String> cells = new ArrayList<>();

        RowCollector(Sink sink) {
            this.sink = sink;
        }

        @Override
        public void startRow(int rowNum) {
            cells.clear();
        }

        @Override
        public void endRow(int rowNum) {
            flush();
        }

        void flush() {
            if (cells.stream().anyMatch(c -> !c.isBlank())) {
                try {
                    sink.row(new ArrayList<>(cells));
                } catch (BadFile e) {
                    throw new StopReading(e);
                }
            }
            cells.clear();
        }

        @Override
        public void cell(String reference, String value, XSSFComment comment) {
            int column = reference == null ? cells.size() : new CellReference(reference).getCol();
            if (column >= MAX_COLUMNS) {
                return;
            }
            while (cells.size() < column) {
                cells.add("");
            }
            cells.add(cut(value));
        }
    }

    /** A {@link BadFile} raised from inside the SAX callbacks. */
    static final class StopReading extends RuntimeException {
        final BadFile reason;

        StopReading(BadFile reason) {
            super(null, null, false, false);
            this.reason = reason;
        }
    }

}
