package dev.clusteripam.api.ipam;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The schema of each entry of a list of strings: a length bound and a CEL rule, which the CRD
 * generation puts on the list's {@code items} (fabric8's own annotations on a list field describe
 * the list itself). The API server then names a refused entry by its index, {@code spec.addresses[3]}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface ListEntries {

    /** The longest entry, in characters. */
    long maxLength();

    /** The most entries; bounds, with {@link #maxLength()}, what the API server estimates the rule costs. */
    long maxItems();

    /** A CEL rule on one entry ({@code self}). */
    String rule();

    String message();

    String messageExpression();
}
