package dev.clusteripam.bench.chaos;

/** Text quoted from elsewhere (an exception, a log line, a poison object's field) into the report, cut to a bound. */
final class Bounded {

    static final int MAX = 300;

    private Bounded() {
    }

    static String text(String text) {
        return text.length() <= MAX ? text : text.substring(0, MAX) + "… (" + text.length() + " characters)";
    }
}
