package br.com.recebiveishub.plugin.boleto;

/** A field of a CNAB record that cannot be read; becomes a record rejection naming the field. */
final class CampoInvalidoException extends RuntimeException {

    private final String campo;
    private final String motivo;

    CampoInvalidoException(String campo, String motivo) {
        super(campo + ": " + motivo, null, false, false);
        this.campo = campo;
        this.motivo = motivo;
    }

    String campo() {
        return campo;
    }

    String motivo() {
        return motivo;
    }
}
