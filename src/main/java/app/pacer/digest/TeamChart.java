package app.pacer.digest;

import app.pacer.config.PacerConfig;
import app.pacer.core.reply.Language;
import app.pacer.core.reply.Messages;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.RenderingHints;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.DecimalFormat;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Draws the digest's chart as an 800×450 PNG: cumulative percent of target per day, one line per metric, against
 * a 100% target line; or, without lines, a horizontal bar per rep. Texts come in the reader's language, drawn
 * with a font that can draw Chinese ({@link ChartFont}). Thread-safe: every call builds its own chart.
 */
@ApplicationScoped
public class TeamChart {

    static {
        // no display on a server: AWT must not look for one (Quarkus sets this only for native images)
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    public static final int WIDTH = 800;
    public static final int HEIGHT = 450;
    /** More bars than this are unreadable at 450 px; the caller orders them, the rest are left out. */
    public static final int MAX_BARS = 25;

    /** Colour-blind-safe (Okabe–Ito) series colours. */
    private static final Color[] SERIES = {new Color(0x0072B2), new Color(0xE69F00), new Color(0x009E73),
        new Color(0xCC79A7), new Color(0x56B4E9), new Color(0xD55E00), new Color(0xF0E442), new Color(0x000000)};
    private static final Color TEXT = new Color(0x222222);
    private static final Color GRID = new Color(0xDDDDDD);
    private static final Color TARGET = new Color(0xC0392B);

    private final ChartFont font;

    @Inject
    public TeamChart(PacerConfig config) {
        this(ChartFont.resolve(config.chart().font()));
    }

    TeamChart(ChartFont font) {
        this.font = font;
    }

    /** The font charts are drawn with, and where it came from. */
    public ChartFont font() {
        return font;
    }

    /** The chart as PNG bytes. */
    public byte[] png(ChartData data, Language language) {
        Messages m = Messages.of(language);
        JFreeChart chart = data.lines().isEmpty() ? bars(data, m) : lines(data, m);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        chart.setPadding(new RectangleInsets(8, 8, 8, 16));
        if (data.title() != null && !data.title().isBlank()) {
            TextTitle title = new TextTitle(data.title(), font.derive(Font.BOLD, 20f));
            title.setPaint(TEXT);
            title.setPadding(new RectangleInsets(4, 4, 8, 4));
            chart.setTitle(title);
        }
        LegendTitle legend = chart.getLegend();
        if (legend != null) {
            legend.setItemFont(font.derive(Font.PLAIN, 13f));
            legend.setItemPaint(TEXT);
            legend.setFrame(org.jfree.chart.block.BlockBorder.NONE);
            legend.setPosition(RectangleEdge.BOTTOM);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try {
            ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private JFreeChart lines(ChartData data, Messages m) {
        LocalDate from = data.from();
        int days = (int) Math.max(1, ChronoUnit.DAYS.between(from, data.to()) + 1);
        XYSeriesCollection dataset = new XYSeriesCollection();
        double highest = 100;
        int index = 0;
        for (ChartData.Line line : data.lines()) {
            // distinct keys even when two metrics share a name
            XYSeries series = new XYSeries(new SeriesKey(index++, line.label()), false, true);
            List<Double> values = line.cumulativePercent();
            for (int day = 0; day < Math.min(days, values.size()); day++) {
                Double value = values.get(day);
                series.add(day, value); // null leaves a gap: no data yet
                if (value != null && Double.isFinite(value)) {
                    highest = Math.max(highest, value);
                }
            }
            dataset.addSeries(series);
        }

        NumberAxis x = new NumberAxis(m.get("chart.axis.day"));
        x.setRange(-0.5, days - 0.5);
        x.setTickUnit(new NumberTickUnit(days > 16 ? 2 : 1, new DayFormat(from)));
        x.setMinorTickCount(0);
        NumberAxis y = percentAxis(m.get("chart.axis.percent_of_target"));
        y.setRange(0, Math.ceil(highest * 1.1 / 10) * 10);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, days <= 31);
        for (int i = 0; i < dataset.getSeriesCount(); i++) {
            renderer.setSeriesPaint(i, SERIES[i % SERIES.length]);
            renderer.setSeriesStroke(i, new BasicStroke(2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            renderer.setSeriesShape(i, new java.awt.geom.Ellipse2D.Double(-2.5, -2.5, 5, 5));
        }
        XYPlot plot = new XYPlot(dataset, x, y, renderer);
        style(plot);
        styleAxis(x);
        styleAxis(y);
        // a horizontal line: its label sits above it, at the left
        plot.addRangeMarker(target(m, RectangleAnchor.TOP_LEFT, TextAnchor.BOTTOM_LEFT), Layer.BACKGROUND);
        plot.setNoDataMessage(m.get("chart.no_data"));
        plot.setNoDataMessageFont(font.derive(Font.PLAIN, 16f));
        return new JFreeChart(null, font.derive(Font.BOLD, 20f), plot, true);
    }

    private JFreeChart bars(ChartData data, Messages m) {
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        String series = m.get("chart.axis.percent");
        double highest = 0;
        List<ChartData.Bar> bars = data.bars().subList(0, Math.min(MAX_BARS, data.bars().size()));
        for (int i = 0; i < bars.size(); i++) {
            ChartData.Bar bar = bars.get(i);
            double value = Double.isFinite(bar.percent()) ? bar.percent() : 0;
            dataset.addValue(value, series, new SeriesKey(i, bar.label()));
            highest = Math.max(highest, value);
        }
        CategoryAxis reps = new CategoryAxis(null);
        reps.setCategoryMargin(0.25);
        reps.setMaximumCategoryLabelWidthRatio(0.35f);
        NumberAxis y = percentAxis(m.get("chart.axis.percent"));
        double top = bars.isEmpty() ? 100 : Math.max(10, highest * 1.15);
        y.setRange(0, Math.ceil(top / 10) * 10);
        BarRenderer renderer = new BarRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setSeriesPaint(0, SERIES[0]);
        renderer.setMaximumBarWidth(0.08);
        renderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}", new DecimalFormat("0'%'")));
        renderer.setDefaultItemLabelsVisible(true);
        renderer.setDefaultItemLabelFont(font.derive(Font.PLAIN, 12f));
        renderer.setDefaultItemLabelPaint(TEXT);
        renderer.setDefaultPositiveItemLabelPosition(new ItemLabelPosition(ItemLabelAnchor.OUTSIDE3, TextAnchor.CENTER_LEFT));
        renderer.setItemLabelAnchorOffset(4);
        CategoryPlot plot = new CategoryPlot(dataset, reps, y, renderer);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plot.setRangeAxisLocation(AxisLocation.BOTTOM_OR_LEFT);
        style(plot);
        styleAxis(reps);
        styleAxis(y);
        if (highest >= 50) {
            // near or past target someone is: show where 100% is (not for small shares of a team total)
            // a vertical line: its label sits right of it, at the top
            plot.addRangeMarker(target(m, RectangleAnchor.TOP_RIGHT, TextAnchor.TOP_LEFT), Layer.BACKGROUND);
        }
        plot.setNoDataMessage(m.get("chart.no_data"));
        plot.setNoDataMessageFont(font.derive(Font.PLAIN, 16f));
        return new JFreeChart(null, font.derive(Font.BOLD, 20f), plot, false);
    }

    private NumberAxis percentAxis(String label) {
        NumberAxis axis = new NumberAxis(label);
        axis.setNumberFormatOverride(new DecimalFormat("0'%'"));
        axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        return axis;
    }

    private ValueMarker target(Messages m, RectangleAnchor anchor, TextAnchor text) {
        ValueMarker marker = new ValueMarker(100, TARGET, new BasicStroke(1.5f, BasicStroke.CAP_BUTT,
                BasicStroke.JOIN_MITER, 1f, new float[] {6f, 4f}, 0f));
        marker.setLabel(m.get("chart.target"));
        marker.setLabelFont(font.derive(Font.BOLD, 12f));
        marker.setLabelPaint(TARGET);
        marker.setLabelBackgroundColor(new Color(255, 255, 255, 0));
        marker.setLabelAnchor(anchor);
        marker.setLabelTextAnchor(text);
        marker.setLabelOffset(new RectangleInsets(4, 6, 4, 6));
        return marker;
    }

    private static void style(org.jfree.chart.plot.Plot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlineVisible(false);
        if (plot instanceof XYPlot xy) {
            xy.setDomainGridlinesVisible(false);
            xy.setRangeGridlinePaint(GRID);
            xy.setRangeGridlineStroke(new BasicStroke(1f));
            xy.setAxisOffset(RectangleInsets.ZERO_INSETS);
        } else if (plot instanceof CategoryPlot category) {
            category.setDomainGridlinesVisible(false);
            category.setRangeGridlinePaint(GRID);
            category.setRangeGridlineStroke(new BasicStroke(1f));
            category.setAxisOffset(RectangleInsets.ZERO_INSETS);
        }
    }

    private void styleAxis(org.jfree.chart.axis.Axis axis) {
        axis.setLabelFont(font.derive(Font.PLAIN, 14f));
        axis.setLabelPaint(TEXT);
        axis.setTickLabelFont(font.derive(Font.PLAIN, 12f));
        axis.setTickLabelPaint(TEXT);
        axis.setAxisLinePaint(new Color(0x999999));
        axis.setTickMarkPaint(new Color(0x999999));
    }

    /** A series or category key that stays distinct when labels repeat, and shows as its label. */
    private record SeriesKey(int index, String label) implements Comparable<SeriesKey> {
        @Override
        public int compareTo(SeriesKey other) {
            return Integer.compare(index, other.index);
        }

        @Override
        public String toString() {
            return label == null ? "" : label;
        }
    }

    /** Tick labels of the day axis: day offsets shown as month/day ("12/1"), the same in both languages. */
    private static final class DayFormat extends NumberFormat {
        private final LocalDate from;

        DayFormat(LocalDate from) {
            this.from = from;
        }

        @Override
        public StringBuffer format(double number, StringBuffer to, FieldPosition pos) {
            return format(Math.round(number), to, pos);
        }

        @Override
        public StringBuffer format(long number, StringBuffer to, FieldPosition pos) {
            LocalDate day = from.plusDays(number);
            return to.append(day.getMonthValue()).append('/').append(day.getDayOfMonth());
        }

        /**
         * Axis labels are only ever formatted, but NumberFormat makes every subclass parse: nothing is recognised,
         * which its contract says by returning null with the position left where it was.
         */
        @Override
        public Number parse(String source, ParsePosition pos) {
            pos.setErrorIndex(pos.getIndex());
            return null;
        }
    }
}
