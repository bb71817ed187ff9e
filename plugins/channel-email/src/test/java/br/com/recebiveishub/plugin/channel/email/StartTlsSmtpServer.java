package br.com.recebiveishub.plugin.channel.email;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * A real SMTP server on loopback that offers STARTTLS (GreenMail's SMTP does not): it upgrades the
 * connection with the given PKCS#12 key, refuses AUTH and MAIL before TLS (530), checks AUTH PLAIN
 * against one user, answers RCPT with a configurable reply, and keeps each accepted message's data.
 */
final class StartTlsSmtpServer implements AutoCloseable {

    private final ServerSocket server;
    private final SSLSocketFactory tls;
    private final String user;
    private final String password;
    final List<String> messages = new CopyOnWriteArrayList<>();
    final List<String> commandsInClear = new CopyOnWriteArrayList<>();
    volatile String rcptReply = "250 OK";

    StartTlsSmtpServer(Path keystore, char[] storePassword, String user, String password) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, storePassword);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, storePassword);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        this.tls = ctx.getSocketFactory();
        this.user = user;
        this.password = password;
        server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::serve, "starttls-smtp");
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
            } catch (Exception e) {
                // next client, or closed
            }
        }
    }

    private void talk(Socket plain) throws IOException {
        Socket s = plain;
        BufferedReader in = reader(s);
        OutputStream out = s.getOutputStream();
        boolean secure = false;
        boolean authed = false;
        write(out, "220 starttls.test ESMTP");
        String line;
        while ((line = in.readLine()) != null) {
            if (!secure) {
                commandsInClear.add(line);
            }
            String cmd = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : line.toUpperCase(Locale.ROOT);
            switch (cmd) {
                case "EHLO" -> write(out, secure ? "250-starttls.test\r\n250-AUTH PLAIN\r\n250 8BITMIME"
                        : "250-starttls.test\r\n250-STARTTLS\r\n250 8BITMIME");
                case "STAR" -> {
                    write(out, "220 2.0.0 ready to start TLS");
                    SSLSocket ssl = (SSLSocket) tls.createSocket(s, null, s.getPort(), true);
                    ssl.setUseClientMode(false);
                    ssl.startHandshake();
                    s = ssl;
                    in = reader(s);
                    out = s.getOutputStream();
                    secure = true;
                }
                case "AUTH" -> {
                    if (!secure) {
                        write(out, "530 5.7.0 must issue STARTTLS first");
                        continue;
                    }
                    String[] parts = line.split(" ");
                    String b64 = parts.length > 2 ? parts[2] : null;
                    if (b64 == null) {
                        write(out, "334 ");
                        b64 = in.readLine();
                    }
                    String[] creds = new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_8).split("\0");
                    authed = creds.length == 3 && creds[1].equals(user) && creds[2].equals(password);
                    write(out, authed ? "235 2.7.0 authenticated" : "535 5.7.8 authentication credentials invalid");
                }
                case "MAIL" -> write(out, !secure ? "530 5.7.0 must issue STARTTLS first"
                        : authed ? "250 OK" : "530 5.7.0 authentication required");
                case "RCPT" -> write(out, rcptReply);
                case "DATA" -> {
                    write(out, "354 go ahead");
                    StringBuilder data = new StringBuilder();
                    while ((line = in.readLine()) != null && !line.equals(".")) {
                        data.append(line).append('\n');
                    }
                    messages.add(data.toString());
                    write(out, "250 2.0.0 Ok: queued as S" + messages.size());
                }
                case "QUIT" -> {
                    write(out, "221 bye");
                    return;
                }
                default -> write(out, "250 OK");
            }
        }
    }

    private static BufferedReader reader(Socket s) throws IOException {
        return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
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
