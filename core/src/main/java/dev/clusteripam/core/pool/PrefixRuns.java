package dev.clusteripam.core.pool;

import dev.clusteripam.core.ip.IpPrefix;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Prefixes written as the fewest runs of adjacent prefixes of one length, so that a refusal naming
 * a thousand stranded /64s reads {@code fd00::/64-fd00:0:0:3e7::/64}, not a thousand entries.
 */
final class PrefixRuns {

    /** The adjacent prefixes from {@code first} to {@code last}, both of one length. */
    record Run(IpPrefix first, IpPrefix last) {

        @Override
        public String toString() {
            return first.equals(last) ? first.toString() : first + "-" + last;
        }
    }

    private PrefixRuns() {
    }

    static List<Run> of(Collection<IpPrefix> prefixes) {
        List<IpPrefix> sorted = prefixes.stream().map(IpPrefix::network).distinct().sorted().toList();
        List<Run> runs = new ArrayList<>();
        for (IpPrefix prefix : sorted) {
            int lastIndex = runs.size() - 1;
            if (lastIndex >= 0 && follows(runs.get(lastIndex).last(), prefix)) {
                runs.set(lastIndex, new Run(runs.get(lastIndex).first(), prefix));
            } else {
                runs.add(new Run(prefix, prefix));
            }
        }
        return runs;
    }

    private static boolean follows(IpPrefix previous, IpPrefix next) {
        return previous.length() == next.length()
                && previous.lastAddress().next().map(next.address()::equals).orElse(false);
    }
}
