package dev.clusteripam.bench.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The report's plot, written as SVG by hand (no plotting library): claims/s and median latency per
 * batch against addresses in use, one line per mode, the write ceiling as points. Both y axes are
 * logarithmic, as the modes lie orders of magnitude apart.
 */
final class SvgPlot {

    /** One line of a panel. */
    record Series(String name, String color, boolean line, List<double[]> points) {
    }

    private static final int PANEL_WIDTH = 520;
    private static final int PANEL_HEIGHT = 340;
    private static final int LEFT = 70;
    private static final int TOP = 40;
    private static final int PLOT_WIDTH = PANEL_WIDTH - LEFT - 30;
    private static final int PLOT_HEIGHT = PANEL_HEIGHT - TOP - 60;

    private SvgPlot() {
    }

    static String render(String title, String xLabel, String leftTitle, List<Series> left, String rightTitle, List<Series> right) {
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">%n", 2 * PANEL_WIDTH, PANEL_HEIGHT + 30));
        svg.append(String.format(Locale.ROOT, "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n"));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"18\" font-size=\"15\" text-anchor=\"middle\">%s</text>%n",
                PANEL_WIDTH, escape(title)));
        panel(svg, 0, xLabel, leftTitle, left);
        panel(svg, PANEL_WIDTH, xLabel, rightTitle, right);
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static void panel(StringBuilder svg, int offset, String xLabel, String title, List<Series> series) {
        List<double[]> all = new ArrayList<>();
        series.forEach(s -> all.addAll(s.points()));
        if (all.isEmpty()) {
            return;
        }
        double xMax = niceCeiling(all.stream().mapToDouble(p -> p[0]).max().orElse(1));
        double yMinLog = Math.floor(Math.log10(Math.max(1e-3, all.stream().mapToDouble(p -> p[1]).filter(v -> v > 0).min().orElse(1))));
        double yMaxLog = Math.ceil(Math.log10(Math.max(1e-3, all.stream().mapToDouble(p -> p[1]).max().orElse(10))));
        if (yMaxLog <= yMinLog) {
            yMaxLog = yMinLog + 1;
        }
        int x0 = offset + LEFT;
        int y0 = TOP + 10 + PLOT_HEIGHT;
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"13\" text-anchor=\"middle\">%s</text>%n",
                x0 + PLOT_WIDTH / 2, TOP, escape(title)));
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#333\"/>%n",
                x0, y0 - PLOT_HEIGHT, PLOT_WIDTH, PLOT_HEIGHT));
        for (int i = 0; i <= 5; i++) {
            double x = xMax * i / 5;
            int px = x0 + (int) Math.round(PLOT_WIDTH * i / 5.0);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#ddd\"/>%n", px, y0, px, y0 - PLOT_HEIGHT));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", px, y0 + 16, count(x)));
        }
        for (double e = yMinLog; e <= yMaxLog; e++) {
            int py = y(Math.pow(10, e), yMinLog, yMaxLog, y0);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#ddd\"/>%n", x0, py, x0 + PLOT_WIDTH, py));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n", x0 - 6, py + 4,
                    count(Math.pow(10, e))));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                x0 + PLOT_WIDTH / 2, y0 + 36, escape(xLabel)));
        int legendY = y0 + 54;
        int legendX = x0;
        for (Series s : series) {
            StringBuilder path = new StringBuilder();
            for (double[] p : s.points()) {
                int px = x0 + (int) Math.round(PLOT_WIDTH * p[0] / xMax);
                int py = y(Math.max(p[1], Math.pow(10, yMinLog)), yMinLog, yMaxLog, y0);
                if (s.line()) {
                    path.append(path.length() == 0 ? "M" : " L").append(px).append(',').append(py);
                }
                svg.append(String.format(Locale.ROOT, "<circle cx=\"%d\" cy=\"%d\" r=\"%d\" fill=\"%s\"/>%n", px, py, s.line() ? 2 : 4, s.color()));
            }
            if (s.line() && path.length() > 0) {
                svg.append(String.format(Locale.ROOT, "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\"/>%n", path, s.color()));
            }
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>%n", legendX, legendY - 10, s.color()));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", legendX + 16, legendY, escape(s.name())));
            legendX += 20 + 7 * s.name().length();
        }
    }

    private static int y(double value, double minLog, double maxLog, int y0) {
        return y0 - (int) Math.round(PLOT_HEIGHT * (Math.log10(value) - minLog) / (maxLog - minLog));
    }

    private static double niceCeiling(double value) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(Math.max(1, value))));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= value) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String count(double value) {
        if (value == 0) {
            return "0";
        }
        if (value >= 1000 && value % 1000 == 0) {
            return String.format(Locale.ROOT, "%dk", (long) (value / 1000));
        }
        return value >= 1 ? String.format(Locale.ROOT, "%d", Math.round(value)) : String.format(Locale.ROOT, "%.2g", value);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
