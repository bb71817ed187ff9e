package br.com.recebiveishub.template.exemplo;

import br.com.recebiveishub.sdk.ErpApiConnector;
import br.com.recebiveishub.sdk.model.ConnectorContext;
import br.com.recebiveishub.sdk.model.ReceivableRecord;
import br.com.recebiveishub.sdk.model.RecordRejection;
import br.com.recebiveishub.testkit.conformance.ErpApiConnectorConformance;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.UUID;

/**
 * The Exemplo connector broken in one documented way each, with the conformance suite around it,
 * for ConformanceKitCanFailTest to run through the launcher. The name does not end in Test, so
 * Surefire never runs these suites on its own. Template only: ./hub new-plugin does not copy it.
 */
final class BrokenExemploConnectors {

    static final ExemploSimulator ERP = ExemploSimulator.start();

    private BrokenExemploConnectors() {
    }

    abstract static class Broken extends ErpApiConnectorConformance {
        @Override
        protected Peer peer() {
            return ERP;
        }
    }

    /** Resumes from the start whatever the cursor. */
    static class IgnoresTheCursor extends Broken {
        @Override
        protected ErpApiConnector connector() {
            return new ExemploConnector(HttpClient.newHttpClient(), 4, Duration.ofMillis(10)) {
                @Override
                public void read(ErpAccount account, String stream, String cursor, ConnectorContext context, SyncSink sink) {
                    super.read(account, stream, null, context, sink);
                }
            };
        }
    }

    /** Catches the hub's failure to store a record and reads on. */
    static class SwallowsTheSinksFailure extends Broken {
        @Override
        protected ErpApiConnector connector() {
            return new ExemploConnector(HttpClient.newHttpClient(), 4, Duration.ofMillis(10)) {
                @Override
                public void read(ErpAccount account, String stream, String cursor, ConnectorContext context, SyncSink sink) {
                    super.read(account, stream, cursor, context, new SyncSink() {
                        @Override
                        public void accept(ReceivableRecord record) {
                            try {
                                sink.accept(record);
                            } catch (RuntimeException ignored) {
                                // the bug under test
                            }
                        }

                        @Override
                        public void reject(RecordRejection rejection) {
                            sink.reject(rejection);
                        }

                        @Override
                        public void checkpoint(String c) {
                            sink.checkpoint(c);
                        }
                    });
                }
            };
        }
    }

    /** Gives every record twice in one read. */
    static class GivesRecordsTwice extends Broken {
        @Override
        protected ErpApiConnector connector() {
            return new ExemploConnector(HttpClient.newHttpClient(), 4, Duration.ofMillis(10)) {
                @Override
                public void read(ErpAccount account, String stream, String cursor, ConnectorContext context, SyncSink sink) {
                    super.read(account, stream, cursor, context, new SyncSink() {
                        @Override
                        public void accept(ReceivableRecord record) {
                            sink.accept(record);
                            sink.accept(record);
                        }

                        @Override
                        public void reject(RecordRejection rejection) {
                            sink.reject(rejection);
                        }

                        @Override
                        public void checkpoint(String c) {
                            sink.checkpoint(c);
                        }
                    });
                }
            };
        }
    }

    /** Sends every write-back with a new Idempotency-Key. */
    static class WritesBackWithANewKeyEachTime extends Broken {
        @Override
        protected ErpApiConnector connector() {
            return new ExemploConnector(HttpClient.newHttpClient(), 4, Duration.ofMillis(10)) {
                @Override
                public WriteBackReceipt writeBackPayment(ErpAccount account, PaymentWriteBack p) {
                    return super.writeBackPayment(account, new PaymentWriteBack(UUID.randomUUID().toString(), p.externalId(),
                            p.paidOn(), p.amount(), p.method(), p.note()));
                }
            };
        }
    }

    /** Throws when the ERP cannot be reached instead of answering a failed check. */
    static class ThrowsWhenUnreachable extends Broken {
        @Override
        protected ErpApiConnector connector() {
            return new ExemploConnector(HttpClient.newHttpClient(), 4, Duration.ofMillis(10)) {
                @Override
                public ConnectionCheck check(ErpAccount account) {
                    ConnectionCheck c = super.check(account);
                    if ("unreachable".equals(c.reason())) {
                        throw new IllegalStateException("connection refused");
                    }
                    return c;
                }
            };
        }
    }
}
