package br.com.recebiveishub.testkit.conformance;

import br.com.recebiveishub.sdk.ErpApiConnector;
import br.com.recebiveishub.sdk.model.ReceivableRecord;
import br.com.recebiveishub.sdk.model.RecordRejection;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps what a read gives, in order, the way the hub commits it: the records and rejections given
 * before a checkpoint are committed with it. {@link #failAfterFirstCheckpoint()} makes it fail like
 * a hub that lost its database mid-read.
 */
public class RecordingSink implements ErpApiConnector.SyncSink {

    /** What the sink throws when told to fail; a connector lets it through. */
    public static final class SinkFailure extends RuntimeException {
        public SinkFailure() {
            super("conformance sink: the hub failed to store the record");
        }
    }

    private final List<ReceivableRecord> records = new ArrayList<>();
    private final List<RecordRejection> rejections = new ArrayList<>();
    private final List<String> checkpoints = new ArrayList<>();
    private List<ReceivableRecord> committed = List.of();
    private boolean failAfterFirstCheckpoint;
    private boolean failed;
    private int callsAfterFailure;

    /** The first record or rejection given after the first checkpoint throws {@link SinkFailure}. */
    public RecordingSink failAfterFirstCheckpoint() {
        this.failAfterFirstCheckpoint = true;
        return this;
    }

    @Override
    public synchronized void accept(ReceivableRecord record) {
        maybeFail();
        records.add(record);
    }

    @Override
    public synchronized void reject(RecordRejection rejection) {
        maybeFail();
        rejections.add(rejection);
    }

    @Override
    public synchronized void checkpoint(String cursor) {
        if (failed) {
            callsAfterFailure++;
            return;
        }
        checkpoints.add(cursor);
        committed = List.copyOf(records);
    }

    private void maybeFail() {
        if (failed) {
            callsAfterFailure++;
            throw new SinkFailure();
        }
        if (failAfterFirstCheckpoint && !checkpoints.isEmpty()) {
            failed = true;
            throw new SinkFailure();
        }
    }

    public synchronized List<ReceivableRecord> records() {
        return List.copyOf(records);
    }

    public synchronized List<RecordRejection> rejections() {
        return List.copyOf(rejections);
    }

    public synchronized List<String> checkpoints() {
        return List.copyOf(checkpoints);
    }

    /** @return the records given before the last checkpoint (what the hub has committed) */
    public synchronized List<ReceivableRecord> committed() {
        return committed;
    }

    /** @return the last checkpoint, or null when there was none */
    public synchronized String lastCheckpoint() {
        return checkpoints.isEmpty() ? null : checkpoints.get(checkpoints.size() - 1);
    }

    /** @return whether the sink threw {@link SinkFailure} */
    public synchronized boolean failed() {
        return failed;
    }

    /** @return calls the connector made on the sink after it failed (it should have stopped) */
    public synchronized int callsAfterFailure() {
        return callsAfterFailure;
    }
}
