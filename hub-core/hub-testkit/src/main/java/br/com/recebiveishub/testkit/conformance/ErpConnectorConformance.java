package br.com.recebiveishub.testkit.conformance;

import br.com.recebiveishub.sdk.ErpConnector;
import br.com.recebiveishub.sdk.model.ConnectorContext;
import br.com.recebiveishub.sdk.model.ReceivableRecord;
import br.com.recebiveishub.sdk.model.RecordRejection;
import br.com.recebiveishub.sdk.model.RecordSink;
import br.com.recebiveishub.sdk.model.SourceFile;
import br.com.recebiveishub.sdk.model.SourceFileException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The acceptance suite of an {@link ErpConnector} (a file-drop connector): it accepts its own files
 * and not others, reads each sample into the records and rejections its documentation says, names
 * file, line, field and reason in every rejection, refuses an unreadable file as a whole with
 * {@link SourceFileException}, and reads the same file the same way twice.
 *
 * <p>Extend it and supply files whose content you know from the format's documentation or from a
 * real sample (read in place through {@code SharedSamples}), with the counts and rejected fields
 * that documentation states — never counts taken from a run of the connector.
 */
public abstract class ErpConnectorConformance {

    /** The connector under test. */
    protected abstract ErpConnector connector();

    /** Files the connector reads, with what each must yield; at least one, and at least one rejection among them. */
    protected abstract List<Sample> samples();

    /** A file of another kind (a bank return, a statement) that the connector must not accept. */
    protected abstract SourceFile unrelatedFile();

    /** A file the connector accepts by its name but that cannot be read as a whole (broken, wrong layout). */
    protected abstract SourceFile unreadableFile();

    /** The tenant facts given to {@link ErpConnector#read}. */
    protected ConnectorContext context() {
        return new ConnectorContext("conformance", 30);
    }

    /**
     * A file and what reading it yields.
     *
     * @param file       the file
     * @param records    how many receivables it holds that are valid
     * @param rejections the rejections it yields, in file order
     */
    public record Sample(SourceFile file, int records, List<ExpectedRejection> rejections) {
    }

    @Test
    void acceptsItsOwnFilesAndNotAnUnrelatedOne() {
        for (Sample s : samples()) {
            assertTrue(connector().accepts(s.file()), "accepts(" + s.file().name() + ")");
        }
        SourceFile other = unrelatedFile();
        assertFalse(connector().accepts(other), "accepts(" + other.name() + ") of an unrelated file");
    }

    @Test
    void readsEachSampleIntoTheDocumentedRecordsAndRejections() throws SourceFileException {
        boolean anyRejection = false;
        for (Sample s : samples()) {
            Collected c = read(s.file());
            String name = s.file().name();
            assertEquals(s.records(), c.records.size(), name + ": receivables read");
            List<ExpectedRejection> got = c.rejections.stream().map(r -> new ExpectedRejection(r.line(), r.field())).toList();
            assertEquals(s.rejections(), got, name + ": rejections (line, field) in file order");
            anyRejection |= !s.rejections().isEmpty();
            Set<String> keys = new HashSet<>();
            for (ReceivableRecord r : c.records) {
                String where = name + " line " + r.line();
                assertTrue(r.sourceSystem() != null && !r.sourceSystem().isBlank(), where + ": sourceSystem");
                assertTrue(r.externalId() != null && !r.externalId().isBlank(), where + ": externalId");
                assertTrue(keys.add(r.sourceSystem() + "|" + r.externalId()), where + ": the same sourceSystem + externalId twice in one file");
                assertNotNull(r.amount(), where + ": amount");
                assertTrue(r.amount().signum() > 0, where + ": amount must be positive");
                assertEquals(2, r.amount().scale(), where + ": amount must have scale 2 (BRL cents)");
                assertNotNull(r.dueDate(), where + ": dueDate");
                assertNotNull(r.debtor(), where + ": debtor");
                assertTrue(r.line() > 0, where + ": line is 1-based");
            }
        }
        assertTrue(anyRejection, "samples(): give at least one sample with a rejection, so rejections are checked");
    }

    @Test
    void everyRejectionNamesFileLineFieldAndReason() throws SourceFileException {
        for (Sample s : samples()) {
            for (RecordRejection r : read(s.file()).rejections) {
                assertEquals(s.file().name(), r.file(), "a rejection names the file it comes from");
                assertTrue(r.line() > 0, "a rejection names the line: " + r);
                assertTrue(r.field() != null && !r.field().isBlank(), "a rejection names the field: " + r);
                assertTrue(r.reason() != null && !r.reason().isBlank(), "a rejection gives the reason: " + r);
                assertTrue(r.record() != null && !r.record().isBlank(), "a rejection names the record: " + r);
            }
        }
    }

    @Test
    void anUnreadableFileIsRefusedAsAWholeWithSourceFileException() {
        SourceFile broken = unreadableFile();
        assertTrue(connector().accepts(broken), "unreadableFile() must be a file the connector accepts by its name");
        SourceFileException e = assertThrows(SourceFileException.class, () -> read(broken),
                "read(" + broken.name() + ") must throw SourceFileException");
        assertEquals(broken.name(), e.file(), "the exception names the file");
        assertTrue(e.reason() != null && !e.reason().isBlank(), "the exception says why");
    }

    @Test
    void readingTheSameFileTwiceGivesTheSameRecordsAndRejections() throws SourceFileException {
        for (Sample s : samples()) {
            Collected first = read(s.file());
            Collected second = read(s.file());
            assertEquals(first.records, second.records, s.file().name() + ": records of two reads");
            assertEquals(first.rejections, second.rejections, s.file().name() + ": rejections of two reads");
        }
    }

    private Collected read(SourceFile file) throws SourceFileException {
        Collected c = new Collected();
        connector().read(file, context(), c);
        return c;
    }

    private static final class Collected implements RecordSink {
        final List<ReceivableRecord> records = new ArrayList<>();
        final List<RecordRejection> rejections = new ArrayList<>();

        @Override
        public void accept(ReceivableRecord record) {
            records.add(record);
        }

        @Override
        public void reject(RecordRejection rejection) {
            rejections.add(rejection);
        }
    }
}
