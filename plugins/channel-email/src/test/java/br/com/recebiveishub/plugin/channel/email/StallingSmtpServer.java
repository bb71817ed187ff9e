package br.com.recebiveishub.plugin.channel.email;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real SMTP server on loopback that speaks the dialogue (220, EHLO, MAIL, RCPT, DATA) and then
 * never answers the end of the data: the client cannot know whether the message was accepted.
 * Counts the messages whose data it received completely.
 */
final class StallingSmtpServer implements AutoCloseable {

    private final ServerSocket server;
    private final CopyOnWriteArrayList<Socket> clients = new CopyOnWriteArrayList<>();
    final AtomicInteger dataReceived = new AtomicInteger();

    StallingSmtpServer() throws IOException {
        server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::serve, "stalling-smtp");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void serve() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                clients.add(s);
                Thread t = new Thread(() -> talk(s), "stalling-smtp-client");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void talk(Socket s) {
        try (s) {
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = s.getOutputStream();
            write(out, "220 stall.test ESMTP");
            String line;
            while ((line = in.readLine()) != null) {
                String cmd = line.length() >= 4 ? line.substring(0, 4).toUpperCase(java.util.Locale.ROOT) : line;
                switch (cmd) {
                    case "EHLO" -> write(out, "250-stall.test\r\n250 8BITMIME");
                    case "HELO", "MAIL", "RCPT", "RSET", "NOOP" -> write(out, "250 OK");
                    case "QUIT" -> {
                        write(out, "221 bye");
                        return;
                    }
                    case "DATA" -> {
                        write(out, "354 go ahead");
                        while ((line = in.readLine()) != null && !line.equals(".")) {
                            // swallow the message
                        }
                        dataReceived.incrementAndGet();
                        // ... and never answer: the client times out waiting for 250
                        while (in.readLine() != null) {
                            // wait for the client to go away
                        }
                        return;
                    }
                    default -> write(out, "500 unknown");
                }
            }
        } catch (IOException e) {
            // client gone
        }
    }

    private static void write(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : clients) {
            s.close();
        }
    }
}
