package br.com.recebiveishub.plugin.boleto;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.recebiveishub.sdk.model.BankAccount;
import br.com.recebiveishub.sdk.model.Beneficiary;
import br.com.recebiveishub.sdk.model.IssuedCharge;
import br.com.recebiveishub.sdk.model.MovementKind;
import br.com.recebiveishub.sdk.model.PaymentEvent;
import br.com.recebiveishub.sdk.model.ReturnFile;
import br.com.recebiveishub.sdk.model.SimulatedMovement;
import br.com.recebiveishub.sdk.model.SourceFile;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Simulate a return, parse it: every movement comes back with its values. */
class SimuladorProperties {

    private final BoletoProvider provider = new BoletoProvider();
    private final BoletoReturnSimulator simulator = new BoletoReturnSimulator();

    @Provide
    Arbitrary<String> bancos() {
        return Arbitraries.of("104", "001", "237");
    }

    record Movimento(long sequencia, String seuNumero, MovementKind kind, LocalDate vencimento, BigDecimal valor, BigDecimal pago,
                     BigDecimal tarifa, LocalDate ocorrencia, LocalDate credito) {
    }

    @Provide
    Arbitrary<Movimento> movimentos() {
        Arbitrary<BigDecimal> dinheiro = Arbitraries.longs().between(0, 999_999_999L).map(c -> BigDecimal.valueOf(c, 2));
        Arbitrary<LocalDate> data = Arbitraries.integers().between(0, 12000).map(d -> LocalDate.of(2001, 1, 1).plusDays(d));
        Arbitrary<LocalDate> talvez = Arbitraries.oneOf(data, Arbitraries.just((LocalDate) null));
        Arbitrary<String> seu = Arbitraries.oneOf(Arbitraries.strings().withCharRange('A', 'Z').numeric().ofMinLength(1).ofMaxLength(11),
                Arbitraries.just((String) null));
        Arbitrary<Movimento> titulo = Combinators.combine(Arbitraries.longs().between(1, 9_999_999_999L), seu,
                Arbitraries.of(MovementKind.class), talvez).as((n, s, k, v) -> new Movimento(n, s, k, v, null, null, null, null, null));
        return Combinators.combine(titulo, dinheiro, dinheiro, dinheiro, data, talvez)
                .as((t, valor, pago, tarifa, ocorrencia, credito) -> new Movimento(t.sequencia(), t.seuNumero(), t.kind(), t.vencimento(),
                        valor, pago, tarifa, ocorrencia, credito));
    }

    @Provide
    Arbitrary<List<Movimento>> listas() {
        return movimentos().list().ofMaxSize(8);
    }

    @Property(tries = 300)
    void simulateThenParseGivesBackEveryMovement(@ForAll("bancos") String banco,
                                                 @ForAll("listas") List<Movimento> movimentos,
                                                 @ForAll @IntRange(min = 1, max = 999_999) int nsa) throws Exception {
        BankAccount conta = Fixtures.conta(banco);
        List<SimulatedMovement> simulados = movimentos.stream().map(m -> {
            IssuedCharge charge = provider.issue(conta, Fixtures.pedido(m.sequencia(), LocalDate.of(2026, 5, 5), "10.00"));
            return new SimulatedMovement(charge, m.seuNumero(), m.kind(), m.vencimento(), m.valor(), m.pago(), m.tarifa(), m.ocorrencia(),
                    m.credito());
        }).toList();
        byte[] bytes = simulator.simulateReturn(conta, nsa, LocalDate.of(2026, 5, 6), simulados);

        Path dir = Files.createTempDirectory("simulado");
        SourceFile file = Fixtures.arquivo(dir, "retorno.ret", bytes);
        assertThat(provider.recognizesReturn(file)).isTrue();
        ReturnFile r = provider.parseReturn(file);

        assertThat(r.bankCode()).isEqualTo(banco);
        assertThat(r.sequence()).isEqualTo(nsa);
        assertThat(r.generatedOn()).isEqualTo(LocalDate.of(2026, 5, 6));
        assertThat(r.rejections()).isEmpty();
        assertThat(r.events()).hasSize(simulados.size());
        for (int i = 0; i < simulados.size(); i++) {
            SimulatedMovement s = simulados.get(i);
            PaymentEvent e = r.events().get(i);
            assertThat(e.bankCode()).isEqualTo(banco);
            assertThat(e.nossoNumero()).isEqualTo(s.charge().nossoNumero());
            assertThat(e.kind()).isEqualTo(s.kind());
            assertThat(e.seuNumero()).isEqualTo(s.seuNumero());
            assertThat(e.dueDate()).isEqualTo(s.dueDate());
            assertThat(e.titleAmount()).isEqualByComparingTo(s.titleAmount());
            assertThat(e.paidAmount()).isEqualByComparingTo(s.paidAmount());
            assertThat(e.fee()).isEqualByComparingTo(s.fee());
            assertThat(e.occurrenceDate()).isEqualTo(s.occurrenceDate());
            assertThat(e.creditDate()).isEqualTo(s.creditDate());
            assertThat(e.line()).isEqualTo(3 + 2L * i);
            BigDecimal liquido = s.kind().isSettlement() ? s.paidAmount().subtract(s.fee()).max(BigDecimal.ZERO) : BigDecimal.ZERO;
            assertThat(e.netCredit()).isEqualByComparingTo(liquido);
        }
        try (var files = Files.list(dir)) {
            files.forEach(p -> p.toFile().delete());
        }
        Files.delete(dir);
    }

    @Property(tries = 50)
    void existingBoletosRegisteredElsewhereRoundTripToo(@ForAll("bancos") String banco, @ForAll @IntRange(min = 1, max = 99_999) int numero)
            throws Exception {
        // A boleto known only by the ERP's raw nosso número: the hub holds its canonical form.
        BankAccount conta = Fixtures.conta(banco);
        String canonico = provider.canonicalNossoNumero(banco, String.format("%011d", numero));
        IssuedCharge charge = new IssuedCharge(banco, canonico, null, null, null);
        SimulatedMovement m = new SimulatedMovement(charge, "X", MovementKind.SETTLED, LocalDate.of(2026, 1, 5), new BigDecimal("10.00"),
                new BigDecimal("10.00"), new BigDecimal("1.00"), LocalDate.of(2026, 1, 5), LocalDate.of(2026, 1, 6));
        byte[] bytes = simulator.simulateReturn(conta, 1, LocalDate.of(2026, 1, 6), List.of(m));
        ReturnFile r = RetornoCnab240.ler("x.ret", bytes);
        assertThat(r.events()).singleElement().extracting(PaymentEvent::nossoNumero).isEqualTo(canonico);
    }

    /** An account as a tenant may configure it, and the identification its return header must give back. */
    record ContaEsperada(BankAccount conta, Beneficiary esperado) {
    }

    // A number as the tenant may type it: plain or with leading zeros.
    private static Arbitrary<String> digitado(Arbitrary<Long> numeros, int largura) {
        return Combinators.combine(numeros, Arbitraries.integers().between(0, 3))
                .as((n, forma) -> forma == 0 ? Long.toString(n) : String.format("%0" + Math.max(largura, Long.toString(n).length()) + "d", n));
    }

    @Provide
    Arbitrary<ContaEsperada> contas() {
        // BB and Bradesco put a 4-digit agência and an 8- or 7-digit conta into the boleto's free field.
        Arbitrary<Long> agencias = Arbitraries.longs().between(1, 9_999);
        Arbitrary<Long> contas = Arbitraries.longs().between(1, 9_999_999);
        Arbitrary<ContaEsperada> caixa = Combinators.combine(Arbitraries.longs().between(1, 99_999), Arbitraries.longs().between(1, 999_999), Arbitraries.integers().between(0, 2))
                .as((agencia, codigo, forma) -> {
                    // código do beneficiário as 6 digits, plain, or 6 digits + its DV (the convênio's 7-digit form)
                    String seis = String.format("%06d", codigo);
                    String convenio = switch (forma) {
                        case 0 -> seis;
                        case 1 -> Long.toString(codigo);
                        default -> seis + Modulo11.dvCaixa(seis);
                    };
                    BankAccount conta = new BankAccount("104", String.format("%05d", agencia), "0", "12345678", "9", "14", convenio,
                            "Cliente Caixa", Fixtures.CNPJ_BENEFICIARIO, Fixtures.ENDERECO);
                    return new ContaEsperada(conta, new Beneficiary(Long.toString(agencia), null, Long.toString(codigo)));
                });
        Arbitrary<Long> conveniosBb = Arbitraries.oneOf(Arbitraries.longs().between(1_000_000, 9_999_999),
                Arbitraries.longs().between(100_000, 999_999), Arbitraries.longs().between(1_000, 9_999));
        Arbitrary<ContaEsperada> bb = Combinators.combine(agencias, contas, conveniosBb, Arbitraries.integers().between(0, 1))
                .as((agencia, numero, convenio, zeros) -> {
                    BankAccount conta = new BankAccount("001", zeros == 0 ? Long.toString(agencia) : String.format("%05d", agencia), "3",
                            zeros == 0 ? Long.toString(numero) : String.format("%012d", numero), "5", "17-019", Long.toString(convenio),
                            "Cliente BB", Fixtures.CNPJ_BENEFICIARIO, Fixtures.ENDERECO);
                    return new ContaEsperada(conta, new Beneficiary(Long.toString(agencia), Long.toString(numero), Long.toString(convenio)));
                });
        Arbitrary<ContaEsperada> bradesco = Combinators.combine(digitado(agencias, 5), digitado(contas, 12),
                        digitado(Arbitraries.longs().between(1, 999_999_999_999_999_999L), 20))
                .as((agencia, numero, convenio) -> {
                    BankAccount conta = new BankAccount("237", agencia, "1", numero, "0", "09", convenio, "Cliente Bradesco",
                            Fixtures.CNPJ_BENEFICIARIO, Fixtures.ENDERECO);
                    return new ContaEsperada(conta, new Beneficiary(Digitos.semZerosAEsquerda(agencia), Digitos.semZerosAEsquerda(numero),
                            Digitos.semZerosAEsquerda(convenio)));
                });
        return Arbitraries.oneOf(caixa, bb, bradesco);
    }

    @Property(tries = 300)
    void simulatedHeaderGivesBackTheAccountsIdentification(@ForAll("contas") ContaEsperada c,
                                                          @ForAll @IntRange(min = 1, max = 99_999) int sequencia) throws Exception {
        BankAccount conta = c.conta();
        IssuedCharge charge = provider.issue(conta, Fixtures.pedido(sequencia, LocalDate.of(2026, 5, 5), "10.00"));
        SimulatedMovement m = new SimulatedMovement(charge, null, MovementKind.SETTLED, LocalDate.of(2026, 5, 5), new BigDecimal("10.00"),
                new BigDecimal("10.00"), new BigDecimal("1.00"), LocalDate.of(2026, 5, 5), LocalDate.of(2026, 5, 6));
        byte[] bytes = simulator.simulateReturn(conta, 1, LocalDate.of(2026, 5, 6), List.of(m));

        ReturnFile r = RetornoCnab240.ler("retorno.ret", bytes);
        assertThat(r.beneficiary()).isEqualTo(c.esperado());
        assertThat(r.rejections()).isEmpty();
        assertThat(r.events()).singleElement().extracting(PaymentEvent::nossoNumero).isEqualTo(charge.nossoNumero());
    }

    @Example
    void anotherClientsReturnAtTheSameBankIsToldApartByItsHeader() throws Exception {
        // Client A and client B both at Caixa, same agência, titles with the same nosso número.
        BankAccount a = Fixtures.caixa();
        BankAccount b = new BankAccount("104", "1234", "0", "87654321", "0", "14", "006789", "Outro Cliente Ltda", Fixtures.CNPJ_BENEFICIARIO,
                Fixtures.ENDERECO);
        IssuedCharge deA = provider.issue(a, Fixtures.pedido(42, LocalDate.of(2026, 5, 5), "10.00"));
        IssuedCharge deB = provider.issue(b, Fixtures.pedido(42, LocalDate.of(2026, 5, 5), "10.00"));
        assertThat(deA.nossoNumero()).isEqualTo(deB.nossoNumero());
        SimulatedMovement m = new SimulatedMovement(deA, null, MovementKind.SETTLED, LocalDate.of(2026, 5, 5), new BigDecimal("10.00"),
                new BigDecimal("10.00"), BigDecimal.ZERO, LocalDate.of(2026, 5, 5), LocalDate.of(2026, 5, 6));
        ReturnFile r = RetornoCnab240.ler("retorno.ret", simulator.simulateReturn(a, 1, LocalDate.of(2026, 5, 6), List.of(m)));
        assertThat(r.beneficiary()).isEqualTo(new Beneficiary("1234", null, "5507"));
        assertThat(r.beneficiary().convenio()).isNotEqualTo(Digitos.semZerosAEsquerda(b.convenio()));
    }
}
