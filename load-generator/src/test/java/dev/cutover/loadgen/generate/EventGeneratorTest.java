package dev.cutover.loadgen.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.cutover.loadgen.config.DelayRange;
import dev.cutover.loadgen.config.FaultOptions;
import dev.cutover.loadgen.config.GeneratorOptions;
import dev.cutover.model.CardTransaction;
import dev.cutover.model.CardTransactionSchemas;
import dev.cutover.model.rules.CardMasking;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class EventGeneratorTest {
    static final SchemaIds IDS = new SchemaIds(7, 8);
    static final Instant START = Instant.parse("2026-11-23T00:00:00Z");
    static final FaultOptions ALL_FAULTS =
            new FaultOptions(0.05, DelayRange.parse("5m..3h"), 0.04, 0.03, 0.02);

    static GeneratorOptions options(long seed) {
        return GeneratorOptions.defaults(seed, 100_000, START)
                .withAccounts(10_000, 1.1)
                .withFaults(ALL_FAULTS);
    }

    @Test
    void sameSeedGivesTheSameBytesDifferentSeedDifferentBytes() {
        List<byte[]> first = keysAndValues(new EventGenerator(options(42), IDS), 5_000);
        List<byte[]> again = keysAndValues(new EventGenerator(options(42), IDS), 5_000);
        List<byte[]> other = keysAndValues(new EventGenerator(options(43), IDS), 5_000);

        assertThat(again).hasSameSizeAs(first);
        for (int i = 0; i < first.size(); i++) {
            assertThat(again.get(i)).as("element %d", i).isEqualTo(first.get(i));
        }
        long equal =
                IntStream.range(0, first.size())
                        .filter(i -> Arrays.equals(first.get(i), other.get(i)))
                        .count();
        // Keys may coincide (hot accounts); values never do.
        assertThat(equal).isLessThan(first.size() / 4);
    }

    @Test
    void outputDoesNotDependOnThreadsOrOrder() throws Exception {
        EventGenerator sequential = new EventGenerator(options(42), IDS);
        Map<Long, byte[]> parallel = new ConcurrentHashMap<>();
        EventGenerator shared = new EventGenerator(options(42), IDS);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int offset = t;
            EventGenerator own = shared.copy();
            threads.add(
                    new Thread(
                            () -> {
                                // Each thread walks its positions backwards.
                                for (long p = 3999 - offset; p >= 0; p -= 4) {
                                    parallel.put(p, own.generate(p).value());
                                }
                            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        for (long p = 0; p < 4000; p++) {
            assertThat(parallel.get(p)).isEqualTo(sequential.generate(p).value());
        }
    }

    @Test
    void statisticsOf100kEventsMatchWhatWasAsked() {
        GeneratorOptions options = options(7);
        EventGenerator generator = new EventGenerator(options, IDS);
        int n = 100_000;
        Map<String, Integer> perAccount = new HashMap<>();
        Map<RecordKind, Integer> kinds = new HashMap<>();
        Map<PoisonKind, Integer> poison = new HashMap<>();
        int late = 0;
        int outOfOrder = 0;
        int v2 = 0;
        int events = 0;
        Set<String> cards = new HashSet<>();
        for (long p = 0; p < n; p++) {
            GeneratedRecord r = generator.generate(p);
            kinds.merge(r.kind(), 1, Integer::sum);
            perAccount.merge(new String(r.key(), StandardCharsets.UTF_8), 1, Integer::sum);
            late += r.late() ? 1 : 0;
            outOfOrder += r.outOfOrder() ? 1 : 0;
            if (r.kind() == RecordKind.POISON) {
                poison.merge(r.poisonKind(), 1, Integer::sum);
            }
            if (r.kind() == RecordKind.EVENT) {
                events++;
                v2 += r.version() == CardTransactionSchemas.V2 ? 1 : 0;
                if (p % 100 == 0) {
                    CardTransaction t = generator.transaction(p);
                    cards.add(t.getCardNumber());
                    assertThat(CardNumbers.isLuhnValid(t.getCardNumber())).isTrue();
                    assertThat(t.getCardNumber()).startsWith(CardNumbers.TEST_BIN).hasSize(16);
                    assertThat(CardMasking.mask(t.getCardNumber())).contains("******");
                }
            }
        }
        assertThat(kinds.get(RecordKind.POISON) / (double) n).isCloseTo(0.02, within(0.003));
        assertThat(kinds.get(RecordKind.DUPLICATE) / (double) n).isCloseTo(0.03, within(0.003));
        assertThat(late / (double) n).isCloseTo(0.05, within(0.004));
        assertThat(outOfOrder / (double) n).isCloseTo(0.04, within(0.004));
        assertThat(v2 / (double) events).isCloseTo(0.3, within(0.01));
        assertThat(poison).hasSize(PoisonKind.values().length);
        poison.values().forEach(c -> assertThat(c).isBetween(400, 600));
        assertThat(cards.size()).isGreaterThan(100);

        // Zipf: the top 1% of accounts (100 of 10,000) carry the share the distribution predicts.
        List<Integer> counts = new ArrayList<>(perAccount.values());
        counts.sort((a, b) -> b - a);
        int top = counts.stream().limit(100).mapToInt(Integer::intValue).sum();
        double expected = generator.accountDistribution().share(100);
        assertThat(expected).isGreaterThan(0.45);
        assertThat(top / (double) n).isCloseTo(expected, within(0.02));
    }

    @Test
    void uniformAccountsWithSkewZero() {
        EventGenerator generator =
                new EventGenerator(
                        GeneratorOptions.defaults(1, 50_000, START).withAccounts(1000, 0), IDS);
        Map<String, Integer> perAccount = new HashMap<>();
        for (long p = 0; p < 50_000; p++) {
            perAccount.merge(
                    new String(generator.generate(p).key(), StandardCharsets.UTF_8),
                    1,
                    Integer::sum);
        }
        List<Integer> counts = new ArrayList<>(perAccount.values());
        counts.sort((a, b) -> b - a);
        int top = counts.stream().limit(10).mapToInt(Integer::intValue).sum();
        assertThat(top / 50_000.0).isLessThan(0.02);
    }

    @Test
    void timestampsFollowTheSimulatedClockAndFaultsShiftEventTime() {
        GeneratorOptions options = options(3).withRate(100).withSpeedup(60);
        EventGenerator generator = new EventGenerator(options, IDS);
        // 100 records per real second at 60x: 0.6 simulated seconds apart.
        assertThat(generator.arrivalMillis(0)).isEqualTo(START.toEpochMilli());
        assertThat(generator.arrivalMillis(1000)).isEqualTo(START.toEpochMilli() + 600_000);
        for (long p = 0; p < 20_000; p++) {
            GeneratedRecord r = generator.generate(p);
            if (r.kind() != RecordKind.EVENT) {
                continue;
            }
            long lag = r.timestampMillis() - generator.transaction(p).getEventTime().toEpochMilli();
            if (r.late()) {
                assertThat(lag)
                        .isBetween(
                                Duration.ofMinutes(5).toMillis(), Duration.ofHours(3).toMillis());
            } else if (r.outOfOrder()) {
                assertThat(lag).isBetween(5_000L, 120_000L);
            } else {
                assertThat(lag).isBetween(0L, 2_000L);
            }
        }
    }

    @Test
    void duplicatesRepeatAnEarlierEventByteForByte() {
        EventGenerator generator = new EventGenerator(options(11), IDS);
        int checked = 0;
        for (long p = 0; p < 20_000; p++) {
            GeneratedRecord r = generator.generate(p);
            if (r.kind() == RecordKind.DUPLICATE) {
                assertThat(r.sourcePosition()).isLessThan(p);
                GeneratedRecord original = generator.generate(r.sourcePosition());
                assertThat(original.kind()).isEqualTo(RecordKind.EVENT);
                assertThat(r.value()).isEqualTo(original.value());
                assertThat(r.key()).isEqualTo(original.key());
                assertThat(r.timestampMillis()).isGreaterThan(original.timestampMillis());
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(400);
    }

    private static List<byte[]> keysAndValues(EventGenerator generator, int n) {
        List<byte[]> out = new ArrayList<>();
        for (long p = 0; p < n; p++) {
            GeneratedRecord r = generator.generate(p);
            out.add(r.key());
            out.add(r.value());
        }
        return out;
    }
}
