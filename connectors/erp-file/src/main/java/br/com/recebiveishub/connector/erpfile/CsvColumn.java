package br.com.recebiveishub.connector.erpfile;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The columns of the ERP CSV layout (see README.md), in the order the writer puts them. Header
 * names are matched ignoring case, accents, surrounding spaces, and spaces or hyphens inside
 * ({@code "Emissão"}, {@code "ID-Titulo"} and {@code "id_titulo"} all match).
 */
enum CsvColumn {
    ORIGEM(false),
    ID_TITULO(true),
    DOCUMENTO(false),
    EMISSAO(true),
    VENCIMENTO(true),
    VALOR(true),
    CPF_CNPJ(true),
    NOME(true),
    LOGRADOURO(false),
    NUMERO(false),
    COMPLEMENTO(false),
    BAIRRO(false),
    MUNICIPIO(false),
    UF(false),
    CEP(false),
    EMAIL(false),
    TELEFONE(false),
    BANCO(false),
    NOSSO_NUMERO(false);

    private final boolean required;
    private final String header;

    CsvColumn(boolean required) {
        this.required = required;
        this.header = name().toLowerCase(Locale.ROOT);
    }

    /** @return whether the header row must have this column */
    boolean required() {
        return required;
    }

    /** @return the header name as written, e.g. {@code id_titulo}; also the field named in rejections */
    String header() {
        return header;
    }

    /** @return the column a header cell names, or null when it is not part of the layout */
    static CsvColumn fromHeader(String cell) {
        String key = normaliseHeader(cell);
        for (CsvColumn c : values()) {
            if (c.header.equals(key)) {
                return c;
            }
        }
        return null;
    }

    static String normaliseHeader(String cell) {
        String s = Normalizer.normalize(BrFormat.strip(cell), Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT);
        return s.replace(' ', '_').replace('-', '_');
    }
}
