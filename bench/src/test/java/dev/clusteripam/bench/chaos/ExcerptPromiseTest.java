package dev.clusteripam.bench.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clusteripam.core.text.Excerpt;
import org.junit.jupiter.api.Test;

class ExcerptPromiseTest {

    @Test
    void aMessageAsTheProductBoundsItKeepsThePromise() {
        String megabyte = "allocation failed: entry " + "1".repeat(1_048_576) + " is not an address";

        assertThat(ExcerptPromise.keptBy(Excerpt.ofMessage(megabyte))).isTrue();
        assertThat(ExcerptPromise.keptBy("x".repeat(Excerpt.MAX_MESSAGE_CHARS))).isTrue();
        assertThat(Excerpt.ofMessage(megabyte).length()).isLessThanOrEqualTo(ExcerptPromise.MAX_LENGTH);
        assertThat(ExcerptPromise.MAX_LENGTH).isLessThan(32 * 1024);
    }

    @Test
    void moreTextOrAnythingButTheNoteBreaksIt() {
        String cut = Excerpt.ofMessage("y".repeat(5000));

        assertThat(ExcerptPromise.keptBy("x".repeat(Excerpt.MAX_MESSAGE_CHARS + 1))).isFalse();
        assertThat(ExcerptPromise.keptBy("x" + cut)).as("one character of text too many").isFalse();
        assertThat(ExcerptPromise.keptBy(cut + " and more")).isFalse();
        assertThat(ExcerptPromise.keptBy("x".repeat(Excerpt.MAX_MESSAGE_CHARS) + "… (12345678 more characters)"))
                .as("an N no object can reach").isFalse();
    }
}
