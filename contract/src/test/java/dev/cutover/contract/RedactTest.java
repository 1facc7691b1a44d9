package dev.cutover.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactTest {

    @Test
    void aJdbcUrlLosesItsQueryAndUserInfo() {
        assertThat(Redact.jdbcUrl("jdbc:postgresql://db:5432/app?user=u&password=hunter2"))
                .isEqualTo("jdbc:postgresql://db:5432/app?…");
        assertThat(Redact.jdbcUrl("jdbc:postgresql://u:hunter2@db:5432/app"))
                .isEqualTo("jdbc:postgresql://…@db:5432/app");
    }

    @Test
    void aJdbcAddressIsWhereTheDatabaseIs() {
        assertThat(Redact.jdbcAddress("jdbc:postgresql://db:5432/app?password=hunter2&ssl=true"))
                .isEqualTo("jdbc:postgresql://db:5432/app");
        assertThat(Redact.jdbcAddress("jdbc:postgresql://u:hunter2@db:5432/app"))
                .isEqualTo("jdbc:postgresql://…@db:5432/app");
        assertThat(Redact.jdbcAddress("jdbc:postgresql://127.0.0.1:41783/postgres"))
                .isEqualTo("jdbc:postgresql://127.0.0.1:41783/postgres");
        assertThat(Redact.jdbcAddress(null)).isNull();
    }
}
