package dev.clusteripam.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExcerptTest {

    @Test
    void shortTextIsQuotedWhole() {
        assertThat(Excerpt.of("10.0.0.0/24")).isEqualTo("10.0.0.0/24");
        assertThat(Excerpt.of("x".repeat(256))).isEqualTo("x".repeat(256));
    }

    @Test
    void aMegabyteValueIsCutToItsStartAndSaysHowMuchIsLeftOut() {
        String excerpt = Excerpt.of("a".repeat(1 << 20));

        assertThat(excerpt).isEqualTo("a".repeat(256) + "… (" + ((1 << 20) - 256) + " more characters)");
        assertThat(excerpt.length()).isLessThan(300);
    }

    @Test
    void messagesKeepMoreThanValues() {
        assertThat(Excerpt.ofMessage("m".repeat(5000))).startsWith("m".repeat(1024) + "…").hasSizeLessThan(1100);
    }

    @Test
    void aSurrogatePairIsNeverCutInHalf() {
        String text = "a".repeat(255) + "\uD83D\uDE00" + "b";

        assertThat(Excerpt.of(text)).isEqualTo("a".repeat(255) + "… (3 more characters)");
    }

    @Test
    void aLongListNamesItsFirstItemsAndCountsTheRest() {
        assertThat(Excerpt.list(List.of("a", "b"), 3)).isEqualTo("a, b");
        assertThat(Excerpt.list(List.of("a", "b", "c", "d", "e"), 3)).isEqualTo("a, b, c and 2 more");
    }
}
