package br.com.recebiveishub.plugin.boleto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import br.com.recebiveishub.testkit.SharedSamples;
import java.io.IOException;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every row of shared/samples/boleto/due-date-factor.tsv, and the decoding window. */
class FatorVencimentoTest {

    @Test
    void everySampleRowEncodesAndDecodes() throws IOException {
        List<String[]> linhas = Files.readAllLines(SharedSamples.sample("boleto/due-date-factor.tsv")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#"))
                .map(l -> l.split("\t"))
                .toList();
        assertThat(linhas).hasSize(5);
        for (String[] c : linhas) {
            LocalDate data = LocalDate.parse(c[0]);
            int fator = Integer.parseInt(c[1]);
            assertThat(FatorVencimento.codificar(data)).as(c[0]).isEqualTo(fator);
            // Decoded near the date itself, and from a reference a few years either side.
            assertThat(FatorVencimento.decodificar(fator, data)).isEqualTo(data);
            assertThat(FatorVencimento.decodificar(fator, data.minusYears(10))).isEqualTo(data);
            assertThat(FatorVencimento.decodificar(fator, data.plusYears(5))).isEqualTo(data);
        }
    }

    @Test
    void restartOf2025() {
        assertThat(FatorVencimento.codificar(LocalDate.of(2025, 2, 21))).isEqualTo(9999);
        assertThat(FatorVencimento.codificar(LocalDate.of(2025, 2, 22))).isEqualTo(1000);
        assertThat(FatorVencimento.codificar(LocalDate.of(2025, 2, 23))).isEqualTo(1001);
        // Factor 1000 read in 2026 is 2025-02-22, read in 2001 it is 2000-07-03.
        assertThat(FatorVencimento.decodificar(1000, LocalDate.of(2026, 1, 1))).isEqualTo(LocalDate.of(2025, 2, 22));
        assertThat(FatorVencimento.decodificar(1000, LocalDate.of(2001, 1, 1))).isEqualTo(LocalDate.of(2000, 7, 3));
        // 9999 read today (after the restart) is still the last day of the first cycle: 3000 days back at most.
        assertThat(FatorVencimento.decodificar(9999, LocalDate.of(2026, 6, 1))).isEqualTo(LocalDate.of(2025, 2, 21));
        // The next restart: 2049-09-...: 9000 days after 2025-02-22.
        assertThat(FatorVencimento.codificar(LocalDate.of(2025, 2, 22).plusDays(9000))).isEqualTo(1000);
    }

    @Test
    void windowLimits() {
        LocalDate ref = LocalDate.of(2030, 1, 1);
        LocalDate maisAntiga = ref.minusDays(FatorVencimento.DIAS_PASSADO);
        LocalDate maisNova = ref.plusDays(FatorVencimento.DIAS_FUTURO);
        assertThat(FatorVencimento.decodificar(FatorVencimento.codificar(maisAntiga), ref)).isEqualTo(maisAntiga);
        assertThat(FatorVencimento.decodificar(FatorVencimento.codificar(maisNova), ref)).isEqualTo(maisNova);
        // One day beyond the future edge falls in the gap between windows and is refused, not guessed.
        int fatorForaDaJanela = FatorVencimento.codificar(maisNova.plusDays(1));
        assertThatThrownBy(() -> FatorVencimento.decodificar(fatorForaDaJanela, ref))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("names no date");
    }

    @Test
    void refusesWhatNoFactorRepresents() {
        assertThatThrownBy(() -> FatorVencimento.codificar(LocalDate.of(2000, 7, 2))).hasMessageContaining("before 2000-07-03");
        assertThatThrownBy(() -> FatorVencimento.decodificar(999, LocalDate.now())).hasMessageContaining("1000-9999");
        assertThatThrownBy(() -> FatorVencimento.decodificar(10000, LocalDate.now())).hasMessageContaining("1000-9999");
    }
}
