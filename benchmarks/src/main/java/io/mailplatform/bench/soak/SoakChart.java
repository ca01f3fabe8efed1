package io.mailplatform.bench.soak;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;

/** The soak's plot: four panels over time (rates, latencies, heap, GC and errors), drawn with Java2D, headless. */
final class SoakChart {
    private static final int WIDTH = 1200;
    private static final int PANEL = 260;
    private static final int LEFT = 80;
    private static final int RIGHT = 220;
    private static final int TOP = 30;
    private static final int BOTTOM = 30;

    /** One line: its name, colour and value per sample (NaN leaves a gap). */
    private record Series(String name, Color color, ToDoubleFunction<SoakSample> value) {
    }

    private record Panel(String title, List<Series> series) {
    }

    private SoakChart() {
    }

    static void write(List<SoakSample> samples, Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<Panel> panels = List.of(
                new Panel("messages/s", List.of(new Series("sent", Color.BLUE, SoakSample::sentPerSecond),
                        new Series("delivered", new Color(0, 150, 0), SoakSample::deliveredPerSecond))),
                new Panel("latency p99, ms (log)", List.of(new Series("SMTP 250", Color.BLUE, s -> s.smtp().p99()),
                        new Series("delivery", new Color(0, 150, 0), s -> s.delivery().p99()),
                        new Series("delivery p50", new Color(120, 200, 120), s -> s.delivery().p50()),
                        new Series("IMAP FETCH", Color.MAGENTA, s -> s.fetch().p99()),
                        new Series("POP3 RETR", Color.ORANGE.darker(), s -> s.retr().p99()))),
                new Panel("platform heap used, MiB", List.of(new Series("heap", Color.RED, SoakSample::heapMb))),
                new Panel("GC pause ms per interval / errors so far", List.of(
                        new Series("GC ms", Color.DARK_GRAY, gcPerInterval(samples)),
                        new Series("errors", Color.RED, s -> s.errors()))));
        BufferedImage image = new BufferedImage(WIDTH, panels.size() * PANEL, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        double maxX = samples.isEmpty() ? 1 : Math.max(1, samples.get(samples.size() - 1).seconds());
        for (int p = 0; p < panels.size(); p++) {
            draw(g, panels.get(p), p == 1, samples, maxX, p * PANEL);
        }
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    /** GC milliseconds between a sample and the one before it. */
    private static ToDoubleFunction<SoakSample> gcPerInterval(List<SoakSample> samples) {
        return sample -> {
            int i = samples.indexOf(sample);
            return i <= 0 ? Double.NaN : (sample.jvm().gcSeconds() - samples.get(i - 1).jvm().gcSeconds()) * 1000;
        };
    }

    private static void draw(Graphics2D g, Panel panel, boolean log, List<SoakSample> samples, double maxX, int top) {
        int x0 = LEFT;
        int x1 = WIDTH - RIGHT;
        int y0 = top + PANEL - BOTTOM;
        int y1 = top + TOP;
        double max = 0;
        double min = Double.MAX_VALUE;
        for (Series series : panel.series()) {
            for (SoakSample sample : samples) {
                double v = series.value().applyAsDouble(sample);
                if (!Double.isNaN(v) && !Double.isInfinite(v)) {
                    max = Math.max(max, v);
                    min = Math.min(min, v);
                }
            }
        }
        double low = log ? Math.pow(10, Math.floor(Math.log10(Math.max(0.01, Math.min(min, max))))) : 0;
        double high = log ? Math.pow(10, Math.ceil(Math.log10(Math.max(max, low * 10)))) : niceCeiling(max / 4) * 4; // four equal steps of a round size
        g.setColor(Color.BLACK);
        g.drawString(panel.title(), x0, top + 18);
        g.drawRect(x0, y1, x1 - x0, y0 - y1);
        for (int t = 0; t <= 4; t++) {
            double v = log ? low * Math.pow(high / low, t / 4.0) : high * t / 4;
            int y = y0 - (int) ((y0 - y1) * t / 4.0);
            g.setColor(new Color(230, 230, 230));
            g.drawLine(x0 + 1, y, x1 - 1, y);
            g.setColor(Color.BLACK);
            g.drawString(String.format(Locale.ROOT, v >= 100 || v == 0 ? "%.0f" : "%.2g", v), 5, y + 4);
        }
        double stepX = niceCeiling(maxX / 8);
        for (double x = 0; x <= maxX; x += stepX) {
            int px = x0 + (int) ((x1 - x0) * x / maxX);
            g.drawString(String.format(Locale.ROOT, "%.0f s", x), px - 12, y0 + 15);
        }
        int legend = y1 + 10;
        for (Series series : panel.series()) {
            g.setColor(series.color());
            g.setStroke(new BasicStroke(1.6f));
            Path2D.Double line = new Path2D.Double();
            boolean pen = false;
            for (SoakSample sample : samples) {
                double v = series.value().applyAsDouble(sample);
                if (Double.isNaN(v) || (log && v <= 0)) {
                    pen = false;
                    continue;
                }
                double fraction = log ? Math.log(v / low) / Math.log(high / low) : v / high;
                double px = x0 + (x1 - x0) * sample.seconds() / maxX;
                double py = y0 - (y0 - y1) * Math.max(0, Math.min(1, fraction));
                if (pen) {
                    line.lineTo(px, py);
                } else {
                    line.moveTo(px, py);
                    pen = true;
                }
            }
            g.draw(line);
            g.fillRect(x1 + 15, legend, 18, 4);
            g.setColor(Color.BLACK);
            g.drawString(series.name(), x1 + 40, legend + 6);
            legend += 18;
        }
    }

    /** 1, 2 or 5 times a power of ten, at least {@code v}. */
    private static double niceCeiling(double v) {
        if (v <= 0) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * power >= v) {
                return m * power;
            }
        }
        return 10 * power;
    }
}
