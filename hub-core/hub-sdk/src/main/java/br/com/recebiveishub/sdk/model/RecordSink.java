package br.com.recebiveishub.sdk.model;

/** Receives, in file order, what an {@link br.com.recebiveishub.sdk.ErpConnector} reads. */
public interface RecordSink {

    /** A record that passed the connector's validation. */
    void accept(ReceivableRecord record);

    /** A record that did not; the hub quarantines it with the reason. */
    void reject(RecordRejection rejection);
}
