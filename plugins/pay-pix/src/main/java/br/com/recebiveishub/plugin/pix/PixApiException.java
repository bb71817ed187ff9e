package br.com.recebiveishub.plugin.pix;

import java.util.List;

/**
 * The PSP answered and refused: the operation did not happen (a 4xx with an RFC 7807 problem, or
 * a response the client cannot read as the API defines it). Retrying the same request gives the
 * same answer; the hub records the charge as refused with {@link #problemType()} and
 * {@link #detail()}.
 *
 * <p>Deliberately not a supertype of {@link PixUnknownOutcomeException}: a handler for refusals
 * must never swallow an outcome that may have succeeded.
 */
public class PixApiException extends RuntimeException {

    private final int status;
    private final String problemType;
    private final String detail;
    private final List<String> violations;

    public PixApiException(int status, String problemType, String detail, List<String> violations) {
        super("PSP refused (HTTP " + status + (problemType == null ? "" : ", " + problemType) + ")"
                + (detail == null ? "" : ": " + detail)
                + (violations.isEmpty() ? "" : " " + violations));
        this.status = status;
        this.problemType = problemType;
        this.detail = detail;
        this.violations = List.copyOf(violations);
    }

    /** @return the HTTP status, 0 when the PSP's answer could not be read */
    public int status() {
        return status;
    }

    /** @return the last segment of the problem type, e.g. {@code CobOperacaoInvalida}; null if none */
    public String problemType() {
        return problemType;
    }

    /** @return the problem's detail, as the PSP wrote it */
    public String detail() {
        return detail;
    }

    /** @return each violation as {@code propriedade: razao} */
    public List<String> violations() {
        return violations;
    }
}
