package com.leaveledger.support.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One scrape of {@code /actuator/prometheus} (Prometheus text format), read series by series. */
public final class Scrape {

    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final List<Series> series = new ArrayList<>();

    public Scrape(String text) {
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.lastIndexOf(' ');
            String name = brace >= 0 && brace < space ? line.substring(0, brace) : line.substring(0, line.indexOf(' '));
            Map<String, String> labels = new java.util.HashMap<>();
            if (brace >= 0 && brace < space) {
                Matcher matcher = LABEL.matcher(line.substring(brace, line.lastIndexOf('}') + 1));
                while (matcher.find()) {
                    labels.put(matcher.group(1), matcher.group(2));
                }
            }
            series.add(new Series(name, labels, number(line.substring(space + 1).trim())));
        }
    }

    /** The sum of every series of {@code name} carrying these labels ({@code "key", "value", …}); 0 if there is none. */
    public double value(String name, String... labels) {
        return matching(name, labels).stream().mapToDouble(Series::value).sum();
    }

    /** The series of {@code name} carrying these labels. */
    public List<Series> matching(String name, String... labels) {
        List<Series> found = new ArrayList<>();
        for (Series s : series) {
            if (!s.name().equals(name)) {
                continue;
            }
            boolean all = true;
            for (int i = 0; i + 1 < labels.length; i += 2) {
                all &= labels[i + 1].equals(s.labels().get(labels[i]));
            }
            if (all) {
                found.add(s);
            }
        }
        return found;
    }

    private static double number(String text) {
        switch (text) {
            case "+Inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
                return Double.NEGATIVE_INFINITY;
            default:
                return Double.parseDouble(text);
        }
    }

    public record Series(String name, Map<String, String> labels, double value) {
    }
}
