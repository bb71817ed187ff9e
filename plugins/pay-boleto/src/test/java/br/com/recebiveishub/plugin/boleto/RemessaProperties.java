package br.com.recebiveishub.plugin.boleto;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.recebiveishub.sdk.model.BankAccount;
import br.com.recebiveishub.sdk.model.ChargeRequest;
import br.com.recebiveishub.sdk.model.Debtor;
import br.com.recebiveishub.sdk.model.Documento;
import br.com.recebiveishub.sdk.model.Endereco;
import br.com.recebiveishub.sdk.model.Remessa;
import br.com.recebiveishub.sdk.model.RemessaItem;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Remessa write then read gives back every title's fields. */
class RemessaProperties {

    private final BoletoProvider provider = new BoletoProvider();

    @Provide
    Arbitrary<String> bancos() {
        return Arbitraries.of("104", "001", "237");
    }

    @Provide
    Arbitrary<ChargeRequest> pedidos() {
        Arbitrary<Long> sequencia = Arbitraries.longs().between(1, 9_999_999_999L);
        Arbitrary<String> documento = Arbitraries.strings().withCharRange('A', 'Z').numeric().withChars('-', '/').ofMinLength(1).ofMaxLength(11);
        Arbitrary<LocalDate> vencimento = Arbitraries.integers().between(0, 9000).map(d -> LocalDate.of(2020, 1, 1).plusDays(d));
        Arbitrary<BigDecimal> valor = Arbitraries.longs().between(1, 9_999_999_999L).map(c -> BigDecimal.valueOf(c, 2));
        Arbitrary<BigDecimal> taxa = Arbitraries.oneOf(Arbitraries.just((BigDecimal) null),
                Arbitraries.integers().between(1, 2000).map(c -> BigDecimal.valueOf(c, 2)));
        return Combinators.combine(sequencia, documento, vencimento, valor, devedores(), taxa, taxa)
                .as((s, d, v, a, p, multa, juros) -> new ChargeRequest(s, d, v.minusDays(15), v, a, p, multa, juros));
    }

    @Provide
    Arbitrary<List<ChargeRequest>> listas() {
        return pedidos().list().ofMaxSize(6);
    }

    Arbitrary<Debtor> devedores() {
        Arbitrary<Documento> documento = Arbitraries.oneOf(
                Arbitraries.strings().numeric().ofLength(9).filter(s -> s.chars().distinct().count() > 1)
                        .map(b -> Documento.cpf(b + Documento.checkDigits(b))),
                Arbitraries.strings().numeric().ofLength(12).filter(s -> s.chars().distinct().count() > 1)
                        .map(b -> Documento.cnpj(b + Documento.checkDigits(b))));
        Arbitrary<String> palavra = Arbitraries.strings().withCharRange('A', 'Z').ofMinLength(1).ofMaxLength(12);
        Arbitrary<String> nome = palavra.list().ofMinSize(1).ofMaxSize(4).map(l -> String.join(" ", l));
        Arbitrary<Endereco> endereco = Combinators.combine(palavra, Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(5), palavra,
                palavra, Arbitraries.of("SP", "RJ", "MG", "BA"), Arbitraries.strings().numeric().ofLength(8))
                .as((rua, n, bairro, cidade, uf, cep) -> new Endereco("RUA " + rua, n, null, bairro, cidade, uf, cep));
        return Combinators.combine(documento, nome, Arbitraries.oneOf(endereco, Arbitraries.just((Endereco) null)))
                .as((d, n, e) -> new Debtor(d, n, e, null, null));
    }

    @Property(tries = 200)
    void writeThenReadRoundTripsEveryTitle(@ForAll("bancos") String banco, @ForAll("listas") List<ChargeRequest> pedidos)
            throws Exception {
        BankAccount conta = Fixtures.conta(banco);
        List<RemessaItem> itens = new ArrayList<>();
        for (ChargeRequest p : pedidos) {
            itens.add(new RemessaItem(p, provider.issue(conta, p)));
        }
        Remessa remessa = provider.buildRemessa(conta, 42, LocalDateTime.of(2026, 1, 2, 3, 4, 5), itens);
        List<LeitorRemessaCnab240.Titulo> lidos = LeitorRemessaCnab240.ler(remessa.fileName(), remessa.content());

        assertThat(remessa.titles()).isEqualTo(pedidos.size());
        assertThat(lidos).hasSize(pedidos.size());
        for (int i = 0; i < pedidos.size(); i++) {
            ChargeRequest p = pedidos.get(i);
            LeitorRemessaCnab240.Titulo t = lidos.get(i);
            assertThat(t.nossoNumero()).isEqualTo(itens.get(i).charge().nossoNumero());
            assertThat(t.seuNumero()).isEqualTo(p.documentNumber());
            assertThat(t.documento()).isEqualTo(p.documentNumber());
            assertThat(t.vencimento()).isEqualTo(p.dueDate());
            assertThat(t.emissao()).isEqualTo(p.issueDate());
            assertThat(t.valor()).isEqualByComparingTo(p.amount());
            assertThat(t.tipoInscricao()).isEqualTo(p.payer().documento().tipo() == Documento.Tipo.CPF ? '1' : '2');
            assertThat(t.inscricao()).endsWith(p.payer().documento().numero()).hasSize(15);
            assertThat(t.nome()).isEqualTo(p.payer().nome().length() > 40 ? p.payer().nome().substring(0, 40).strip() : p.payer().nome());
            if (p.payer().endereco() != null) {
                assertThat(t.uf()).isEqualTo(p.payer().endereco().uf());
                assertThat(t.cep()).isEqualTo(p.payer().endereco().cep());
                assertThat(t.endereco()).startsWith("RUA ");
            } else {
                assertThat(t.cep()).isEqualTo("00000000");
            }
            if (p.monthlyInterestPercent() == null) {
                assertThat(t.codigoJuros()).isEqualTo('3');
            } else {
                assertThat(t.codigoJuros()).isEqualTo('2');
                assertThat(t.juros()).isEqualByComparingTo(p.monthlyInterestPercent());
            }
            if (p.finePercent() == null) {
                assertThat(t.codigoMulta()).isEqualTo('0');
                assertThat(t.dataMulta()).isNull();
            } else {
                assertThat(t.codigoMulta()).isEqualTo('2');
                assertThat(t.multa()).isEqualByComparingTo(p.finePercent());
                assertThat(t.dataMulta()).isEqualTo(p.dueDate().plusDays(1));
            }
        }
    }
}
