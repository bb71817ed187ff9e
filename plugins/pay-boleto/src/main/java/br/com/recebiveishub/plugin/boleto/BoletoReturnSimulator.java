package br.com.recebiveishub.plugin.boleto;

import br.com.recebiveishub.sdk.BankReturnSimulator;
import br.com.recebiveishub.sdk.model.BankAccount;
import br.com.recebiveishub.sdk.model.SimulatedMovement;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Plays Caixa, Banco do Brasil or Bradesco: writes the CNAB 240 return file (segments T and U)
 * the bank would send for the given movements, in exactly the layout {@link BoletoProvider}
 * parses, so a simulated file round-trips to the same events. Bradesco is written as CNAB 240
 * too (its real returns may also come as CNAB 400, which the provider reads as well).
 */
@Extension
public final class BoletoReturnSimulator implements BankReturnSimulator {

    @Override
    public Set<String> supportedBanks() {
        return Set.copyOf(RegrasDoBanco.suportados());
    }

    @Override
    public byte[] simulateReturn(BankAccount account, int fileSequence, LocalDate generatedOn, List<SimulatedMovement> movements) {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(generatedOn, "generatedOn");
        Objects.requireNonNull(movements, "movements");
        RegrasDoBanco.de(account.bankCode());
        return SimuladorRetornoCnab240.escrever(account, fileSequence, generatedOn, movements);
    }
}
