package dev.cutover.loadgen.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The reusable generator and the first-double shortcut give exactly SplittableRandom's numbers. */
class PositionRandomTest {
    @Test
    void sameNumbersAsSplittableRandom() {
        PositionRandom mine = new PositionRandom();
        for (long stream = 0; stream < 2_000; stream++) {
            long seed = Seeds.streamSeed(42, stream, stream % 3);
            SplittableRandom theirs = new SplittableRandom(seed);
            mine.at(seed);
            assertThat(mine.nextDouble()).isEqualTo(theirs.nextDouble());
            assertThat(mine.nextLong()).isEqualTo(theirs.nextLong());
            assertThat(mine.nextInt()).isEqualTo(theirs.nextInt());
            assertThat(mine.nextInt(255)).isEqualTo(theirs.nextInt(255));
            assertThat(mine.nextInt(1_001)).isEqualTo(theirs.nextInt(1_001));
            assertThat(mine.nextLong(5_000, 120_001)).isEqualTo(theirs.nextLong(5_000, 120_001));
            assertThat(mine.nextLong(17)).isEqualTo(theirs.nextLong(17));
            assertThat(mine.nextGaussian()).isEqualTo(theirs.nextGaussian());
            assertThat(mine.nextBoolean()).isEqualTo(theirs.nextBoolean());
            assertThat(Seeds.firstDouble(42, stream, stream % 3))
                    .isEqualTo(new SplittableRandom(seed).nextDouble());
        }
    }
}
