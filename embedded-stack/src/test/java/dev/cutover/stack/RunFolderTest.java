package dev.cutover.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFolderTest {

    @TempDir Path temp;

    @Test
    void aTemporaryFolderIsDeletedAtTheEnd() {
        RunFolder folder = RunFolder.prepare(null);
        Path kafka = folder.serviceFolder("kafka");

        assertThat(folder.temporary()).isTrue();
        assertThat(kafka).isDirectory().startsWith(folder.path());

        folder.deleteIfTemporary();
        assertThat(folder.path()).doesNotExist();
    }

    @Test
    void aNamedFolderIsKeptAndItsServiceFoldersStartEmpty() throws IOException {
        RunFolder first = RunFolder.prepare(temp.resolve("run"));
        Files.writeString(first.serviceFolder("postgres").resolve("old"), "from an earlier run");
        first.deleteIfTemporary();

        RunFolder second = RunFolder.prepare(temp.resolve("run"));
        assertThat(second.temporary()).isFalse();
        assertThat(second.serviceFolder("postgres")).isEmptyDirectory();
    }

    @Test
    void aFolderUnderARegularFileIsBadConfigurationNamingIt() throws IOException {
        Path runDir = Files.writeString(temp.resolve("file"), "x").resolve("sub");

        assertThatThrownBy(() -> RunFolder.prepare(runDir))
                .isInstanceOfSatisfying(
                        StackException.class,
                        e -> assertThat(e.kind()).isEqualTo(StackException.Kind.BAD_CONFIGURATION))
                .hasMessageStartingWith("Cannot create run folder " + runDir);
    }

    @Test
    void serviceFoldersTheStackDidNotMakeAreNeverWiped() throws IOException {
        Path runDir = Files.createDirectories(temp.resolve("theirs/postgres")).getParent();

        assertThatThrownBy(() -> RunFolder.prepare(runDir))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("'postgres' folder that the embedded stack did not make");
        assertThat(runDir.resolve("postgres")).isDirectory();
    }
}
