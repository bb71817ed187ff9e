package br.com.recebiveishub.plugin.pix;

import br.com.recebiveishub.testkit.pix.TestPki;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/** The receiver's side of the webhook for tests: HTTPS that requires the PSP's certificate, records each POST. */
final class WebhookReceiver implements AutoCloseable {

    record Received(String path, byte[] body) {
    }

    private final HttpsServer server;
    final List<Received> received = new CopyOnWriteArrayList<>();

    WebhookReceiver(Path keystore, Path truststore) throws IOException {
        SSLContext ssl = TestPki.sslContext(keystore, truststore);
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
        server.setHttpsConfigurator(new HttpsConfigurator(ssl) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters p = ssl.getDefaultSSLParameters();
                p.setNeedClientAuth(true);
                params.setSSLParameters(p);
            }
        });
        server.createContext("/", ex -> {
            received.add(new Received(ex.getRequestURI().getPath(), ex.getRequestBody().readAllBytes()));
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        server.start();
    }

    URI url() {
        return URI.create("https://localhost:" + server.getAddress().getPort() + "/hub/webhooks/pix-psp");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
