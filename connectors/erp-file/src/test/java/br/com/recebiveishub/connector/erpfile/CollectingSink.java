package br.com.recebiveishub.connector.erpfile;

import br.com.recebiveishub.sdk.model.ReceivableRecord;
import br.com.recebiveishub.sdk.model.RecordRejection;
import br.com.recebiveishub.sdk.model.RecordSink;
import java.util.ArrayList;
import java.util.List;

/** Keeps what a connector streamed, in order. */
final class CollectingSink implements RecordSink {

    final List<ReceivableRecord> records = new ArrayList<>();
    final List<RecordRejection> rejections = new ArrayList<>();
    /** Both kinds in arrival order. */
    final List<Object> events = new ArrayList<>();

    @Override
    public void accept(ReceivableRecord record) {
        records.add(record);
        events.add(record);
    }

    @Override
    public void reject(RecordRejection rejection) {
        rejections.add(rejection);
        events.add(rejection);
    }
}
