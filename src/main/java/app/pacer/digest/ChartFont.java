package app.pacer.digest;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The font charts are drawn with. Java's logical fonts draw Chinese only when the operating system happens to
 * hand it a CJK font, and a container usually has none — so a chart titled 本月累计进度 would show boxes. We load
 * a CJK font file ourselves: the configured one ({@code PACER_CHART_FONT}), else one from well-known system
 * locations, else SansSerif (with a warning when it cannot draw Chinese). CJK fonts carry Latin glyphs too, so
 * one font serves both languages — and a Chinese rep name on an English chart.
 */
public record ChartFont(Font font, String source, boolean drawsChinese) {

    private static final Logger LOG = Logger.getLogger(ChartFont.class);

    /** A sample that must render for a font to count as Chinese-capable. */
    public static final String SAMPLE = "本月累计进度目标销售";

    /** Where Linux distributions, macOS and Windows put common CJK fonts; first match wins. */
    static final List<String> WELL_KNOWN = List.of(
            "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", // Debian/Ubuntu fonts-noto-cjk
            "/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf",
            "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc", // Arch noto-fonts-cjk
            "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc", // Fedora google-noto-sans-cjk-ttc-fonts
            "/usr/share/fonts/opentype/noto-cjk/NotoSansCJK-Regular.ttc",
            "/usr/share/fonts/noto/NotoSansCJK-Regular.ttc", // Alpine font-noto-cjk
            "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", // Debian/Ubuntu fonts-wqy-microhei
            "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc", // Fedora wqy-microhei-fonts
            "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", // Debian/Ubuntu fonts-wqy-zenhei
            "/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc",
            "/usr/share/fonts/truetype/arphic/uming.ttc", // Debian fonts-arphic-uming
            "/System/Library/Fonts/PingFang.ttc", // macOS
            "/System/Library/Fonts/STHeiti Light.ttc",
            "C:\\Windows\\Fonts\\msyh.ttc", // Windows: Microsoft YaHei
            "C:\\Windows\\Fonts\\simhei.ttf");

    /** Resolves the chart font once; {@code configured} is {@code pacer.chart.font}. */
    public static ChartFont resolve(Optional<String> configured) {
        Optional<String> path = configured.map(String::trim).filter(p -> !p.isEmpty());
        if (path.isPresent()) {
            Optional<ChartFont> font = load(new File(path.get()));
            if (font.isPresent() && font.get().drawsChinese()) {
                return font.get();
            }
            LOG.warnf("PACER_CHART_FONT=%s %s; looking in the usual places", path.get(),
                    font.isPresent() ? "cannot draw Chinese" : "could not be read as a font");
        }
        for (String candidate : WELL_KNOWN) {
            File file = new File(candidate);
            if (file.isFile()) {
                Optional<ChartFont> font = load(file);
                if (font.isPresent() && font.get().drawsChinese()) {
                    return font.get();
                }
            }
        }
        Font fallback = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        boolean chinese = fallback.canDisplayUpTo(SAMPLE) == -1;
        if (chinese) {
            LOG.infof("No CJK font file found; charts use the system's SansSerif, which can draw Chinese here");
        } else {
            LOG.warnf("No font that can draw Chinese was found: Chinese chart labels will show as boxes. "
                    + "Install fonts-noto-cjk (or fonts-wqy-microhei), or set PACER_CHART_FONT to a .ttf/.otf/.ttc file");
        }
        return new ChartFont(fallback, "logical SansSerif", chinese);
    }

    /**
     * The font in {@code file} that draws Chinese — from a collection (.ttc), preferably its Simplified Chinese
     * member (Noto's collection starts with the Japanese one, whose glyphs differ for some characters).
     */
    static Optional<ChartFont> load(File file) {
        Font[] fonts;
        try {
            fonts = Font.createFonts(file);
        } catch (FontFormatException | IOException | RuntimeException e) {
            LOG.debugf("Cannot load font %s: %s", file, e.getMessage());
            return Optional.empty();
        }
        List<Font> chinese = new ArrayList<>();
        for (Font font : fonts) {
            if (font.canDisplayUpTo(SAMPLE) == -1) {
                chinese.add(font);
            }
        }
        if (chinese.isEmpty()) {
            return fonts.length == 0 ? Optional.empty()
                    : Optional.of(new ChartFont(fonts[0], file.getPath(), false));
        }
        Font best = chinese.stream().filter(ChartFont::simplified).findFirst()
                .orElse(chinese.stream().filter(f -> !f.getFontName(Locale.ROOT).toLowerCase(Locale.ROOT).contains("mono"))
                        .findFirst().orElse(chinese.get(0)));
        return Optional.of(new ChartFont(best, file.getPath() + " (" + best.getFontName(Locale.ROOT) + ")", true));
    }

    private static boolean simplified(Font font) {
        String name = " " + font.getFontName(Locale.ROOT) + " ";
        return (name.contains(" SC ") || name.contains(" SC-") || name.contains("GB")) && !name.toLowerCase(Locale.ROOT).contains("mono");
    }

    /** This font at a size and style. */
    public Font derive(int style, float size) {
        return font.deriveFont(style, size);
    }
}
