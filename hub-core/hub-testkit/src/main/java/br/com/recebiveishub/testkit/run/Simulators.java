package br.com.recebiveishub.testkit.run;

import br.com.recebiveishub.testkit.card.MercadoPagoSimulator;
import br.com.recebiveishub.testkit.erp.BlingSimulator;
import br.com.recebiveishub.testkit.erp.OmieSimulator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.CountDownLatch;

/**
 * Runs one of the testkit's simulators on 127.0.0.1 for a person: an implementation team trying the
 * onboarding guide without a client's real ERP account, or a partner looking at the payloads. It
 * seeds a small portfolio of fictitious data, prints the settings to save in the hub for it, and
 * serves until Ctrl-C ({@code ./hub simulate bling|omie|mercadopago}; docs/onboarding.md).
 *
 * <p>The simulators are the ones the tests run, so they enforce the same protocol rules (Bling's
 * rotating refresh tokens and 3 requests a second, Omie's faults and rate limits, Mercado Pago's
 * idempotency keys). On stdin, {@code token} prints a new Mercado Pago card token and {@code
 * authorize} a new Bling refresh token.
 */
public final class Simulators {

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("America/Sao_Paulo"));

    private Simulators() {
    }

    public static void main(String[] args) throws Exception {
        Command command = start(args.length == 0 ? "" : args[0], System.out);
        if (command == null) {
            System.err.println("usage: ./hub simulate bling|omie|mercadopago");
            System.exit(2);
        }
        serve(command);
    }

    /**
     * Starts simulator {@code which} (it serves on daemon threads), seeds it and prints to {@code out}
     * what to configure in the hub.
     *
     * @return what answers the console's commands, or null for an unknown simulator
     */
    static Command start(String which, PrintStream out) throws IOException {
        return switch (which) {
            case "bling" -> bling(out);
            case "omie" -> omie(out);
            case "mercadopago" -> mercadoPago(out);
            default -> null;
        };
    }

    private static Command bling(PrintStream out) {
        BlingSimulator bling = new BlingSimulator();
        long maria = bling.addContato("Maria Souza (fictícia)", "12345678909", "F");
        long comercial = bling.addContato("Comercial Exemplo Ltda (fictícia)", "11222333000181", "J");
        long errado = bling.addContato("Cliente Com CPF Errado", "12345678900", "F");
        for (int i = 0; i < 12; i++) {
            bling.addConta(i % 2 == 0 ? maria : comercial, (150 + 10 * i) + ".00", TODAY.minusDays(10), TODAY.plusDays(5 + i), "PV-" + i);
        }
        bling.addConta(errado, "99.00", TODAY.minusDays(10), TODAY.plusDays(20), "PV-ERRADO");
        out.printf("""
                Bling v3 simulator on %s: 13 contas a receber (one of a contact whose CPF is wrong).
                Settings for PUT /api/tenants/$T/plugins/erp-bling/config:
                {"clientId": "%s", "clientSecret": "%s", "refreshToken": "%s",
                 "startDate": "%s", "apiBaseUrl": "%s", "portadorId": 14888102402}
                Each refresh token works once (Bling rotates it; the hub keeps the new one). Type 'authorize' for another.
                %n""", bling.rootUrl(), BlingSimulator.CLIENT_ID, BlingSimulator.CLIENT_SECRET, bling.authorize(),
                TODAY.minusDays(30), bling.apiBaseUrl());
        return line -> line.equals("authorize") ? "refreshToken: " + bling.authorize() : null;
    }

    private static Command omie(PrintStream out) {
        OmieSimulator omie = new OmieSimulator();
        long comercial = omie.addCliente("Comercial Exemplo Ltda (fictícia)", "11.222.333/0001-81", false);
        long ana = omie.addCliente("Ana Souza (fictícia)", "123.456.789-09", true);
        long errado = omie.addCliente("Distribuidora Errada Ltda", "11.222.333/0001-00", false);
        for (int i = 0; i < 12; i++) {
            omie.addTitulo(i % 2 == 0 ? comercial : ana, (200 + 10 * i) + ".50", TODAY.minusDays(5), TODAY.plusDays(5 + i), "NF " + (1000 + i));
        }
        omie.addTitulo(errado, "80.00", TODAY.minusDays(5), TODAY.plusDays(25), "NF 9999");
        out.printf("""
                Omie simulator on %s: 13 contas a receber (one of a client whose CNPJ is wrong).
                Settings for PUT /api/tenants/$T/plugins/erp-omie/config:
                {"appKey": "%s", "appSecret": "%s", "startDate": "%s",
                 "contaCorrenteId": %d, "apiBaseUrl": "%s"}
                The same call within 60 s is Omie's "consumo redundante" fault: the connector waits it out.
                %n""", omie.rootUrl(), OmieSimulator.APP_KEY, OmieSimulator.APP_SECRET, TODAY.minusDays(30), OmieSimulator.CONTA_CORRENTE,
                omie.apiBaseUrl());
        return line -> null;
    }

    private static Command mercadoPago(PrintStream out) throws IOException {
        String accessToken = "TEST-0000000000000000-000000-simulator";
        MercadoPagoSimulator mp = new MercadoPagoSimulator(accessToken);
        out.printf("""
                Mercado Pago simulator on %s.
                Settings for PUT /api/tenants/$T/plugins/pay-card/config:
                {"accessToken": "%s", "apiBaseUrl": "%s", "webhookSecret": "simulator-webhook-secret"}
                Card tokens (single use, as the payer's browser would make them): APRO approves, OTHE declines, CONT stays pending.
                  APRO %s
                  OTHE %s
                  CONT %s
                Type 'token' (or 'token OTHE', 'token CONT') for another. Payments are found by the hub's card janitor
                (the simulator sends no webhooks).
                %n""", mp.baseUrl(), accessToken, mp.baseUrl(), mp.cardToken("APRO"), mp.cardToken("OTHE"), mp.cardToken("CONT"));
        return line -> {
            if (!line.startsWith("token")) {
                return null;
            }
            String holder = line.length() > 5 ? line.substring(5).trim() : "APRO";
            return MercadoPagoSimulator.CARDHOLDERS.containsKey(holder) ? holder + " " + mp.cardToken(holder) : "unknown cardholder " + holder;
        };
    }

    interface Command {
        String answer(String line);
    }

    /** Serves until Ctrl-C, answering commands typed on stdin (when there is one). */
    private static void serve(Command command) throws InterruptedException {
        System.out.println("Serving; Ctrl-C stops.");
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    String answer = command.answer(line.trim());
                    System.out.println(answer == null ? "commands: authorize (bling), token [APRO|OTHE|CONT] (mercadopago)" : answer);
                }
            } catch (IOException e) {
                // no console: keep serving
            }
        }, "simulator-stdin");
        reader.setDaemon(true);
        reader.start();
        new CountDownLatch(1).await();
    }
}
