package br.com.recebiveishub.hub.plugin;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A minimal real SMTP server on loopback (no TLS, no auth) that accepts every message and keeps
 * its raw data: enough to prove the e-mail plugin sends from inside its own class loader.
 */
final class AcceptingSmtpServer implements AutoCloseable {

    private final ServerSocket server;
    final List<String> messages = new CopyOnWriteArrayList<>();

    AcceptingSmtpServer() throws IOException {
        server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::serve, "accepting-smtp");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                s.setSoTimeout(10_000);
                talk(s);
            } catch (IOException e) {
                // next client, or closed
            }
        }
    }

    private void talk(Socket s) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
        OutputStream out = s.getOutputStream();
        write(out, "220 accept.test ESMTP");
        String line;
        while ((line = in.readLine()) != null) {
            String cmd = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : line;
            switch (cmd) {
                case "EHLO" -> write(out, "250-accept.test\r\n250 8BITMIME");
                case "QUIT" -> {
                    write(out, "221 bye");
                    return;
                }
                case "DATA" -> {
                    write(out, "354 go ahead");
                    StringBuilder data = new StringBuilder();
                    while ((line = in.readLine()) != null && !line.equals(".")) {
                        data.append(line).append('\n');
                    }
                    messages.add(data.toString());
                    write(out, "250 2.0.0 queued as T" + messages.size());
                }
                default -> write(out, "250 OK");
            }
        }
    }

    private static void write(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
