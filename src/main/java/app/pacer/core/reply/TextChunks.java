package app.pacer.core.reply;

import java.util.ArrayList;
import java.util.List;

/** Splits long text at line (else word) boundaries, so nothing is cut when a platform limits text length. */
public final class TextChunks {

    private TextChunks() {
    }

    public static List<String> split(String text, int max) {
        List<String> chunks = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            for (String piece : splitLong(line, max)) {
                if (current.length() > 0 && current.length() + 1 + piece.length() > max) {
                    chunks.add(current.toString());
                    current.setLength(0);
                }
                if (current.length() > 0) {
                    current.append('\n');
                }
                current.append(piece);
            }
        }
        if (current.length() > 0 || chunks.isEmpty()) {
            chunks.add(current.toString());
        }
        return chunks;
    }

    /** Joins lines into as few chunks as fit in {@code max} characters each. */
    public static List<String> pack(List<String> lines, int max) {
        return split(String.join("\n", lines), max);
    }

    private static List<String> splitLong(String line, int max) {
        List<String> pieces = new ArrayList<>();
        String rest = line;
        while (rest.length() > max) {
            int cut = rest.lastIndexOf(' ', max);
            if (cut <= max / 2) {
                cut = max;
                // never split a surrogate pair
                if (Character.isHighSurrogate(rest.charAt(cut - 1))) {
                    cut--;
                }
            }
            pieces.add(rest.substring(0, cut));
            rest = rest.substring(cut).stripLeading();
        }
        pieces.add(rest);
        return pieces;
    }
}
