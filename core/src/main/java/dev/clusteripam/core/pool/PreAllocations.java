package dev.clusteripam.core.pool;

import dev.clusteripam.core.ip.IpAddress;
import dev.clusteripam.core.ip.IpPrefix;
import dev.clusteripam.core.text.Excerpt;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A pool's {@code spec.preAllocations}: items (addresses, or sub-prefixes of a prefix pool) the pool
 * keeps for the claim of a given name. A kept item counts as used, is never handed to another claim
 * (neither as the lowest free item nor on request) and is handed to its claim when that claim comes.
 * Kept apart from the pool models: the same pool spec keeps meaning what it meant without it.
 *
 * @param <T> the item the pool hands out
 */
public final class PreAllocations<T> {

    public static final String FIELD = "spec.preAllocations";

    /** How many entries a pool may have: the CRD's {@code maxProperties} says the same. */
    public static final int MAX_ENTRIES = 1024;

    /** The longest claim name Kubernetes allows (a DNS subdomain): the CRD bounds the keys by it. */
    public static final int MAX_CLAIM_NAME_LENGTH = 253;

    /** The longest value: the longest IPv6 CIDR text, with room; the CRD bounds the values by it. */
    public static final int MAX_VALUE_LENGTH = 64;

    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    private static final PreAllocations<?> NONE = new PreAllocations<>(Map.of());

    private final Map<String, T> itemByClaim;
    private final Map<T, String> claimByItem;

    private PreAllocations(Map<String, T> itemByClaim) {
        this.itemByClaim = Collections.unmodifiableMap(new TreeMap<>(itemByClaim));
        Map<T, String> claims = new HashMap<>();
        itemByClaim.forEach((claim, item) -> claims.put(item, claim));
        this.claimByItem = Map.copyOf(claims);
    }

    @SuppressWarnings("unchecked")
    public static <T> PreAllocations<T> none() {
        return (PreAllocations<T>) NONE;
    }

    /** The pre-allocations of an IP pool, or every error, each naming {@code spec.preAllocations[claim]} and the value. */
    public static Validation<PreAllocations<IpAddress>> validate(Map<String, String> written, AddressPool pool) {
        return validate(written, text -> RequestedItem.of(text, pool));
    }

    /** The pre-allocations of a prefix pool (claim name to sub-prefix of the pool's allocation length), or every error. */
    public static Validation<PreAllocations<IpPrefix>> validate(Map<String, String> written, PrefixPool pool) {
        return validate(written, text -> RequestedItem.of(text, pool));
    }

    private static <T> Validation<PreAllocations<T>> validate(Map<String, String> written, Function<String, RequestedItem<T>> read) {
        List<FieldError> errors = new ArrayList<>();
        if (written.size() > MAX_ENTRIES) {
            errors.add(new FieldError(FIELD, written.size() + " entries", "must have at most " + MAX_ENTRIES + " entries"));
            return Validation.invalid(errors, List.of());
        }
        Map<String, T> items = new TreeMap<>();
        Map<T, String> firstClaim = new HashMap<>();
        // Sorted, so that of two claims given one item the same one is named first every time.
        for (Map.Entry<String, String> entry : new TreeMap<>(written).entrySet()) {
            String claim = entry.getKey();
            String field = field(claim);
            if (!isClaimName(claim)) {
                errors.add(new FieldError(field, claim, "is not a claim name (a DNS subdomain: lower-case letters, digits,"
                        + " '-' and '.', at most " + MAX_CLAIM_NAME_LENGTH + " characters)"));
                continue;
            }
            String text = entry.getValue() == null ? "" : entry.getValue();
            RequestedItem<T> requested = read.apply(text);
            if (requested.problem().isPresent()) {
                errors.add(new FieldError(field, text, requested.problem().get()));
                continue;
            }
            T item = requested.item().orElseThrow();
            String other = firstClaim.putIfAbsent(item, claim);
            if (other != null) {
                errors.add(new FieldError(field, text, "is pre-allocated to claim \"" + other + "\" too; an item is kept for one claim"));
                continue;
            }
            items.put(claim, item);
        }
        return errors.isEmpty() ? Validation.valid(new PreAllocations<>(items), List.of()) : Validation.invalid(errors, List.of());
    }

    /** An item a claim holds now (through its IPAddress): what a new pre-allocation must not take from it. */
    public record Holding<T>(T item, String namespace, String claim) {
    }

    /**
     * The entries added or changed since {@code before} whose item a claim of another name holds:
     * a pre-allocation cannot take an item from its holder. An entry kept as it was is not judged
     * again, so that an unrelated update of the pool is not refused for it.
     *
     * @param written the entries as written, for the values the errors quote
     */
    public List<FieldError> heldByOtherClaims(Map<String, String> written, Map<String, String> before, List<Holding<T>> held) {
        Map<T, List<Holding<T>>> holdersByItem = new HashMap<>();
        held.forEach(holding -> holdersByItem.computeIfAbsent(holding.item(), item -> new ArrayList<>()).add(holding));
        List<FieldError> errors = new ArrayList<>();
        itemByClaim.forEach((claim, item) -> {
            if (written.get(claim).equals(before.get(claim))) {
                return;
            }
            holdersByItem.getOrDefault(item, List.of()).stream()
                    .filter(holding -> !holding.claim().equals(claim))
                    .map(holding -> holding.namespace() + "/" + holding.claim())
                    .sorted().findFirst()
                    .ifPresent(holder -> errors.add(new FieldError(field(claim), written.get(claim), "is held by claim " + holder
                            + "; a pre-allocation cannot take it from its holder (release it first)")));
        });
        return errors;
    }

    /** {@code spec.preAllocations[claim]}, the claim name bounded. */
    public static String field(String claim) {
        return FIELD + "[" + Excerpt.of(claim) + "]";
    }

    private static boolean isClaimName(String name) {
        return name.length() <= MAX_CLAIM_NAME_LENGTH && DNS_SUBDOMAIN.matcher(name).matches();
    }

    /** The item kept for the claim of this name. */
    public Optional<T> itemFor(String claim) {
        return Optional.ofNullable(itemByClaim.get(claim));
    }

    /** The name of the claim {@code item} is kept for. */
    public Optional<String> claimFor(T item) {
        return Optional.ofNullable(claimByItem.get(item));
    }

    /** Every entry, by claim name. */
    public Map<String, T> byClaim() {
        return itemByClaim;
    }

    public boolean isEmpty() {
        return itemByClaim.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PreAllocations<?> other && itemByClaim.equals(other.itemByClaim);
    }

    @Override
    public int hashCode() {
        return itemByClaim.hashCode();
    }

    @Override
    public String toString() {
        return "PreAllocations" + itemByClaim;
    }
}
