package br.com.recebiveishub.plugin.boleto;

import br.com.recebiveishub.sdk.model.MovementKind;
import java.util.ArrayList;
import java.util.List;

/** Bank movement codes to {@link MovementKind}, and the reason-code field. */
final class CodigoMovimento {

    private CodigoMovimento() {
    }

    /** FEBRABAN CNAB 240 return movement codes (note C044). */
    static MovementKind cnab240(String codigo) {
        return switch (codigo) {
            case "02" -> MovementKind.ENTRY_CONFIRMED;
            case "03" -> MovementKind.ENTRY_REJECTED;
            case "06" -> MovementKind.SETTLED;
            case "09" -> MovementKind.WRITTEN_OFF;
            case "17" -> MovementKind.SETTLED_AFTER_WRITE_OFF;
            case "28" -> MovementKind.FEE_DEBITED;
            default -> MovementKind.OTHER;
        };
    }

    /**
     * Bradesco CNAB 400 occurrence codes: the CNAB 240 ones plus 10 (written off by the branch) and
     * 15 (paid at the notary), which mean the same to the hub as 09 and 06.
     */
    static MovementKind bradescoCnab400(String codigo) {
        return switch (codigo) {
            case "10" -> MovementKind.WRITTEN_OFF;
            case "15" -> MovementKind.SETTLED;
            default -> cnab240(codigo);
        };
    }

    /** The code a simulated movement of each kind is written with. */
    static String paraSimulacao(MovementKind kind) {
        return switch (kind) {
            case ENTRY_CONFIRMED -> "02";
            case ENTRY_REJECTED -> "03";
            case SETTLED -> "06";
            case WRITTEN_OFF -> "09";
            case SETTLED_AFTER_WRITE_OFF -> "17";
            case FEE_DEBITED -> "28";
            // 14, "vencimento alterado": a movement the hub records and does not act on.
            case OTHER -> "14";
        };
    }

    /**
     * Splits a reason field (up to five two-character codes) into its codes, leaving out blanks and
     * "00", which banks write for "no reason".
     */
    static List<String> motivos(String campo) {
        List<String> codigos = new ArrayList<>();
        for (int i = 0; i + 2 <= campo.length(); i += 2) {
            String c = campo.substring(i, i + 2).strip();
            if (!c.isEmpty() && !c.equals("00")) {
                codigos.add(c);
            }
        }
        return List.copyOf(codigos);
    }
}
