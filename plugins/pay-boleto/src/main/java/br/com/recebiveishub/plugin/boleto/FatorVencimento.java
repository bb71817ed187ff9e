package br.com.recebiveishub.plugin.boleto;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * FEBRABAN due-date factor: days since 1997-10-07, written in four digits. Factor 1000 was
 * 2000-07-03 and 9999 was 2025-02-21; on 2025-02-22 the factor restarted at 1000 (Banco do Brasil
 * Doc5175 annex IV), so it now repeats every 9000 days.
 *
 * <p>Decoding therefore needs a reference date (normally today, or the date the boleto was read):
 * the factor is taken to mean the one date in the window [reference − {@value #DIAS_PASSADO} days,
 * reference + {@value #DIAS_FUTURO} days]. This is the window the banking industry adopted for the
 * restart (up to about 8 years overdue and 15 years ahead); it spans 8501 days, fewer than the
 * 9000-day cycle, so at most one date matches, and a factor whose dates all fall in the 499-day
 * gap is refused rather than guessed.
 */
final class FatorVencimento {

    /** Day zero of the factor. */
    static final LocalDate DATA_BASE = LocalDate.of(1997, 10, 7);
    /** How far before the reference date a decoded due date may be. */
    static final int DIAS_PASSADO = 3000;
    /** How far after the reference date a decoded due date may be. */
    static final int DIAS_FUTURO = 5500;

    private static final int CICLO = 9000;

    private FatorVencimento() {
    }

    /**
     * @return the factor of {@code vencimento} (1000-9999)
     * @throws IllegalArgumentException for dates before 2000-07-03, which no factor represents
     */
    static int codificar(LocalDate vencimento) {
        long dias = ChronoUnit.DAYS.between(DATA_BASE, vencimento);
        if (dias < 1000) {
            throw new IllegalArgumentException("due date " + vencimento + " is before 2000-07-03: no due-date factor represents it");
        }
        if (dias <= 9999) {
            return (int) dias;
        }
        return (int) (1000 + (dias - 10000) % CICLO);
    }

    /**
     * @param fator      the factor, 1000-9999 (0000, "no due date", is the caller's case)
     * @param referencia the date the window is centred on
     * @return the due date the factor means near {@code referencia}
     * @throws IllegalArgumentException when the factor is out of range or names no date in the window
     */
    static LocalDate decodificar(int fator, LocalDate referencia) {
        if (fator < 1000 || fator > 9999) {
            throw new IllegalArgumentException("due-date factor must be 1000-9999, found " + fator);
        }
        LocalDate primeiroCiclo = DATA_BASE.plusDays(fator);
        LocalDate inicio = referencia.minusDays(DIAS_PASSADO);
        LocalDate fim = referencia.plusDays(DIAS_FUTURO);
        long atraso = ChronoUnit.DAYS.between(primeiroCiclo, inicio);
        long ciclos = atraso <= 0 ? 0 : (atraso + CICLO - 1) / CICLO;
        LocalDate candidata = primeiroCiclo.plusDays(ciclos * CICLO);
        if (candidata.isAfter(fim)) {
            throw new IllegalArgumentException("due-date factor " + fator + " names no date between " + inicio + " and " + fim);
        }
        return candidata;
    }
}
