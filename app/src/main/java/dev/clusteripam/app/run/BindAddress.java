package dev.clusteripam.app.run;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * Where a server listens, written as Go's {@code net.Listen} and controller-runtime's flags write
 * it: {@code host:port}, {@code :port} (every interface) or {@code [ipv6]:port}; port 0 asks for
 * any free port.
 *
 * @param host the host name or address; empty for every interface
 * @param port 0..65535
 */
public record BindAddress(Optional<String> host, int port) {

    /** What controller-runtime takes as "do not serve at all". */
    static final String TURNED_OFF = "0";

    public BindAddress {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 0..65535");
        }
    }

    /**
     * Parses a flag value; empty for {@value #TURNED_OFF}.
     *
     * @throws IllegalArgumentException with a message that says what is expected
     */
    static Optional<BindAddress> parse(String text) {
        if (TURNED_OFF.equals(text)) {
            return Optional.empty();
        }
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            throw invalid(text, "no port");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw invalid(text, "an IPv6 address needs brackets");
        }
        return Optional.of(new BindAddress(host.isEmpty() ? Optional.empty() : Optional.of(host), port(text, colon)));
    }

    private static int port(String text, int colon) {
        String port = text.substring(colon + 1);
        if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) > 65535) {
            throw invalid(text, "the port must be a number in 0..65535");
        }
        return Integer.parseInt(port);
    }

    private static IllegalArgumentException invalid(String text, String problem) {
        return new IllegalArgumentException("'" + text + "' is not [host]:port (" + problem
                + "); for example :8081, 127.0.0.1:8081 or [::1]:8081, or 0 to turn it off");
    }

    /** The socket address to bind; the wildcard address when no host is given. */
    InetSocketAddress socketAddress() {
        return host.map(name -> new InetSocketAddress(name, port)).orElseGet(() -> new InetSocketAddress(port));
    }

    @Override
    public String toString() {
        String hostPart = host.map(name -> name.contains(":") ? "[" + name + "]" : name).orElse("");
        return hostPart + ":" + port;
    }
}
