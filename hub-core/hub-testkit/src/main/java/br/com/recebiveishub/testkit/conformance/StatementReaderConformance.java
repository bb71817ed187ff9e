package br.com.recebiveishub.testkit.conformance;

import br.com.recebiveishub.sdk.StatementReader;
import br.com.recebiveishub.sdk.model.BankStatement;
import br.com.recebiveishub.sdk.model.RecordRejection;
import br.com.recebiveishub.sdk.model.SourceFile;
import br.com.recebiveishub.sdk.model.SourceFileException;
import br.com.recebiveishub.sdk.model.StatementEntry;
import br.com.recebiveishub.sdk.model.StatementFile;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The acceptance suite of a {@link StatementReader}: it accepts its own files and not others, reads
 * each sample into the statements, entries and rejections the file holds (facts the author reads
 * off the file), names file, line, field and reason in every rejection, refuses an unreadable file
 * with {@link SourceFileException}, never gives one FITID twice in an account, and reads the same
 * file the same way twice.
 */
public abstract class StatementReaderConformance {

    /** The reader under test. */
    protected abstract StatementReader reader();

    /** Files the reader reads, with what each holds; at least one, and at least one rejection among them. */
    protected abstract List<Sample> samples();

    /** A file of another kind (an ERP export, a CNAB return) that the reader must not accept. */
    protected abstract SourceFile unrelatedFile();

    /** A file the reader accepts but that cannot be read as a whole (truncated, not a statement). */
    protected abstract SourceFile unreadableFile();

    /**
     * A statement file and what it holds.
     *
     * @param file       the file
     * @param statements statements (accounts) in it
     * @param entries    good entries over all its statements
     * @param rejections the rejections it yields, in file order
     */
    public record Sample(SourceFile file, int statements, int entries, List<ExpectedRejection> rejections) {
    }

    @Test
    void formatIsNamed() {
        assertTrue(reader().format() != null && !reader().format().isBlank(), "format(), e.g. OFX");
    }

    @Test
    void acceptsItsOwnFilesAndNotAnUnrelatedOne() {
        for (Sample s : samples()) {
            assertTrue(reader().accepts(s.file()), "accepts(" + s.file().name() + ")");
        }
        assertFalse(reader().accepts(unrelatedFile()), "accepts(" + unrelatedFile().name() + ") of an unrelated file");
    }

    @Test
    void readsEachSampleIntoWhatTheFileHolds() throws SourceFileException {
        boolean anyRejection = false;
        for (Sample s : samples()) {
            String name = s.file().name();
            StatementFile read = reader().read(s.file());
            assertEquals(s.statements(), read.statements().size(), name + ": statements");
            assertEquals(s.entries(), read.statements().stream().mapToInt(st -> st.entries().size()).sum(), name + ": entries");
            assertEquals(s.rejections(), read.rejections().stream()
                    .map(r -> new ExpectedRejection(r.line(), r.field())).toList(), name + ": rejections (line, field)");
            anyRejection |= !s.rejections().isEmpty();
            for (BankStatement st : read.statements()) {
                assertTrue(st.accountId() != null && !st.accountId().isBlank(), name + ": a statement without account");
                Set<String> fitIds = new HashSet<>();
                for (StatementEntry e : st.entries()) {
                    assertTrue(fitIds.add(e.fitId()), name + ": FITID " + e.fitId() + " twice in account " + st.accountId());
                    assertEquals(2, e.amount().scale(), name + " line " + e.line() + ": amount scale 2");
                    assertNotNull(e.kind(), name + " line " + e.line() + ": kind");
                    assertTrue(e.line() > 0, name + ": entry line is 1-based");
                }
            }
            for (RecordRejection r : read.rejections()) {
                assertEquals(name, r.file(), "a rejection names the file");
                assertTrue(r.line() > 0 && r.field() != null && !r.field().isBlank() && r.reason() != null && !r.reason().isBlank(),
                        "a rejection names line, field and reason: " + r);
            }
        }
        assertTrue(anyRejection, "samples(): give at least one sample with a rejection, so rejections are checked");
    }

    @Test
    void anUnreadableFileIsRefusedAsAWholeWithSourceFileException() {
        SourceFile broken = unreadableFile();
        assertTrue(reader().accepts(broken), "unreadableFile() must be a file the reader accepts");
        SourceFileException e = assertThrows(SourceFileException.class, () -> reader().read(broken));
        assertEquals(broken.name(), e.file(), "the exception names the file");
        assertTrue(e.reason() != null && !e.reason().isBlank(), "the exception says why");
    }

    @Test
    void readingTheSameFileTwiceGivesTheSameResult() throws SourceFileException {
        for (Sample s : samples()) {
            assertEquals(reader().read(s.file()), reader().read(s.file()), s.file().name() + ": two reads");
        }
    }
}
