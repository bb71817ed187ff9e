package br.com.recebiveishub.plugin.boleto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import br.com.recebiveishub.sdk.BankReturnSimulator;
import br.com.recebiveishub.sdk.PaymentProvider;
import br.com.recebiveishub.sdk.model.BankAccount;
import br.com.recebiveishub.sdk.model.ChargeRequest;
import br.com.recebiveishub.sdk.model.IssuedCharge;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pf4j.Extension;

/** The provider as the hub sees it. */
class BoletoProviderTest {

    private final BoletoProvider provider = new BoletoProvider();

    @Test
    void identity() {
        assertThat(provider.method()).isEqualTo("BOLETO");
        assertThat(provider.supportedBanks()).containsExactlyInAnyOrder("104", "001", "237");
        assertThat(new BoletoReturnSimulator().supportedBanks()).containsExactlyInAnyOrder("104", "001", "237");
        assertThat(PaymentProvider.class).isAssignableFrom(BoletoProvider.class);
        assertThat(BankReturnSimulator.class).isAssignableFrom(BoletoReturnSimulator.class);
        assertThat(BoletoProvider.class.isAnnotationPresent(Extension.class)).isTrue();
        assertThat(BoletoReturnSimulator.class.isAnnotationPresent(Extension.class)).isTrue();
    }

    @Test
    void extensionIndexListsBothExtensions() throws Exception {
        // Written by PF4J's annotation processor at compile time; without it the hub finds nothing.
        Path idx = Path.of("target/classes/META-INF/extensions.idx");
        assertThat(Files.readAllLines(idx)).contains(BoletoProvider.class.getName(), BoletoReturnSimulator.class.getName());
    }

    @ParameterizedTest
    @ValueSource(strings = {"104", "001", "237"})
    void issueIsDeterministicAndConsistent(String banco) {
        BankAccount conta = Fixtures.conta(banco);
        ChargeRequest pedido = Fixtures.pedido(4321, LocalDate.of(2026, 8, 31), "1234.56");
        IssuedCharge a = provider.issue(conta, pedido);
        IssuedCharge b = provider.issue(conta, pedido);
        assertThat(a).isEqualTo(b);
        assertThat(a.bankCode()).isEqualTo(banco);
        CodigoDeBarras codigo = CodigoDeBarras.parse(a.barcode());
        assertThat(codigo.banco()).isEqualTo(banco);
        assertThat(codigo.valor()).isEqualByComparingTo("1234.56");
        assertThat(codigo.vencimento(LocalDate.of(2026, 1, 1))).contains(LocalDate.of(2026, 8, 31));
        assertThat(LinhaDigitavel.parse(a.linhaDigitavel()).codigoDeBarras()).isEqualTo(codigo);
        assertThat(a.linhaDigitavel()).hasSize(47).containsOnlyDigits();
        assertThat(provider.canonicalNossoNumero(banco, a.nossoNumeroImpresso())).isEqualTo(a.nossoNumero());
        assertThat(provider.canonicalNossoNumero(banco, a.nossoNumero())).isEqualTo(a.nossoNumero());
    }

    @Test
    void issueAfterThe2025Restart() {
        IssuedCharge c = provider.issue(Fixtures.caixa(), Fixtures.pedido(1, LocalDate.of(2025, 2, 22), "10.00"));
        assertThat(CodigoDeBarras.parse(c.barcode()).fator()).isEqualTo(1000);
    }

    @Test
    void issueNamesTheFieldAtFault() {
        LocalDate venc = LocalDate.of(2026, 3, 10);
        assertThatThrownBy(() -> provider.issue(Fixtures.caixa(), Fixtures.pedido(0, venc, "1.00"))).hasMessageContaining("nossoNumeroSequence");
        assertThatThrownBy(() -> provider.issue(Fixtures.caixa(), Fixtures.pedido(1, venc, "0.00"))).hasMessageContaining("amount");
        assertThatThrownBy(() -> provider.issue(Fixtures.caixa(), Fixtures.pedido(1, venc, "100000000.00"))).hasMessageContaining("amount");
        assertThatThrownBy(() -> provider.issue(Fixtures.caixa(), Fixtures.pedido(1, venc, "1.001"))).hasMessageContaining("amount");
        assertThatThrownBy(() -> provider.issue(Fixtures.caixa(), Fixtures.pedido(1, LocalDate.of(2000, 1, 1), "1.00")))
                .hasMessageContaining("dueDate");
        BankAccount semConvenio = new BankAccount("104", "1", "0", "1", "0", "14", "", "X", Fixtures.CNPJ_BENEFICIARIO, null);
        assertThatThrownBy(() -> provider.issue(semConvenio, Fixtures.pedido(1, venc, "1.00"))).hasMessageContaining("convenio");
        BankAccount carteiraCaixa = new BankAccount("104", "1", "0", "1", "0", "11", "123456", "X", Fixtures.CNPJ_BENEFICIARIO, null);
        assertThatThrownBy(() -> provider.issue(carteiraCaixa, Fixtures.pedido(1, venc, "1.00"))).hasMessageContaining("carteira 11");
        BankAccount itau = new BankAccount("341", "1", "0", "1", "0", "109", "1", "X", Fixtures.CNPJ_BENEFICIARIO, null);
        assertThatThrownBy(() -> provider.issue(itau, Fixtures.pedido(1, venc, "1.00"))).hasMessageContaining("341");
        BankAccount convenio5 = new BankAccount("001", "1", "0", "1", "0", "17", "12345", "X", Fixtures.CNPJ_BENEFICIARIO, null);
        assertThatThrownBy(() -> provider.issue(convenio5, Fixtures.pedido(1, venc, "1.00"))).hasMessageContaining("convenio");
        ChargeRequest semVencimento = new ChargeRequest(1, "1", venc, null, BigDecimal.ONE, Fixtures.pagador(), null, null);
        assertThatThrownBy(() -> provider.issue(Fixtures.caixa(), semVencimento)).hasMessageContaining("dueDate");
    }

    @Test
    void caixaBeneficiaryCodeMayCarryItsDigit() {
        BankAccount comDv = new BankAccount("104", "1234", "0", "1", "0", "14", "005507-7", "X", Fixtures.CNPJ_BENEFICIARIO, null);
        BankAccount dvErrado = new BankAccount("104", "1234", "0", "1", "0", "14", "0055078", "X", Fixtures.CNPJ_BENEFICIARIO, null);
        ChargeRequest pedido = Fixtures.pedido(1, LocalDate.of(2026, 3, 10), "1.00");
        assertThat(provider.issue(comDv, pedido)).isEqualTo(provider.issue(Fixtures.caixa(), pedido));
        assertThatThrownBy(() -> provider.issue(dvErrado, pedido)).hasMessageContaining("check digit");
    }

    @Test
    void simulatorRefusesAnUnsupportedBank() {
        BankAccount itau = new BankAccount("341", "1", "0", "1", "0", "109", "1", "X", Fixtures.CNPJ_BENEFICIARIO, null);
        assertThatThrownBy(() -> new BoletoReturnSimulator().simulateReturn(itau, 1, LocalDate.now(), List.of()))
                .hasMessageContaining("341");
    }
}
