package dev.cutover.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TestNamesTest {

    @Test
    void namesAreLowerCaseIdentifiersThatNameTheTest() {
        assertThat(TestNames.next("OrderITCase", "writesRows"))
                .matches("orderitcase_writesrows_\\d+");
    }

    @Test
    void namesAreUniqueAndShortEnoughForPostgres() {
        String first = TestNames.next("A".repeat(80), "m");
        String second = TestNames.next("A".repeat(80), "m");

        assertThat(first).isNotEqualTo(second).hasSizeLessThan(63);
    }

    @Test
    void namesStartWithALetter() {
        assertThat(TestNames.next("1st", "")).startsWith("t_1st_");
        assertThat(TestNames.next("Weird$Name", "a-b")).matches("weird_name_a_b_\\d+");
    }
}
