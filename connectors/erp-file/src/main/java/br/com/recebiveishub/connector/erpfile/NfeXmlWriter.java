package br.com.recebiveishub.connector.erpfile;

import br.com.recebiveishub.sdk.model.Debtor;
import br.com.recebiveishub.sdk.model.Documento;
import br.com.recebiveishub.sdk.model.Endereco;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Writes one synthetic NF-e 4.00 as an {@code nfeProc}: the NF-e with its identification,
 * issuer, recipient, items, totals, billing ({@code cobr/fat/dup}, optional) and payment, followed
 * by an authorisation protocol of the homologation environment. Well-formed and shaped like the
 * real thing, but unsigned (there is no {@code Signature}): it is demo data, not a fiscal document.
 */
final class NfeXmlWriter {

    /** One item line. */
    record Item(String descricao, String ncm, String unidade, long cents) {
    }

    /** One duplicata. */
    record Dup(String nDup, LocalDate dVenc, long cents) {
    }

    /** The issuer as the NF-e needs it. */
    record Emitente(Documento cnpj, String nome, Endereco endereco, DemoPeople.City city) {
    }

    /** NF-e date-times carry the issuer's offset; demo issuers are on Brasília time (-03:00). */
    private static final DateTimeFormatter DH = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

    private final StringBuilder sb = new StringBuilder(8 * 1024);
    private int depth;

    /**
     * @param dups the duplicatas, or empty for an NF-e without {@code cobr}
     * @return the document
     */
    static String write(String chave, long nNF, long cNF, LocalDateTime dhEmi, Emitente emit, Debtor dest,
                        List<Item> items, List<Dup> dups, long protocolo) {
        return new NfeXmlWriter().document(chave, nNF, cNF, dhEmi, emit, dest, items, dups, protocolo);
    }

    private String document(String chave, long nNF, long cNF, LocalDateTime dhEmi, Emitente emit, Debtor dest,
                            List<Item> items, List<Dup> dups, long protocolo) {
        long total = items.stream().mapToLong(Item::cents).sum();
        String emitUf = emit.endereco().uf();
        boolean interstate = dest.endereco() != null && !emitUf.equals(dest.endereco().uf());
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        open("nfeProc xmlns=\"" + NfeReader.NS + "\" versao=\"4.00\"");
        open("NFe");
        open("infNFe Id=\"NFe" + chave + "\" versao=\"4.00\"");
        open("ide");
        el("cUF", chave.substring(0, 2));
        el("cNF", ChaveAcesso.pad(cNF, 8));
        el("natOp", "Venda de mercadoria");
        el("mod", "55");
        el("serie", "1");
        el("nNF", Long.toString(nNF));
        el("dhEmi", DH.format(dhEmi) + "-03:00");
        el("tpNF", "1");
        el("idDest", interstate ? "2" : "1");
        el("cMunFG", emit.city().ibge());
        el("tpImp", "1");
        el("tpEmis", "1");
        el("cDV", chave.substring(43));
        el("tpAmb", "2");
        el("finNFe", "1");
        el("indFinal", dest.documento().tipo() == Documento.Tipo.CPF ? "1" : "0");
        el("indPres", "9");
        el("procEmi", "0");
        el("verProc", "recebiveis-hub-demo");
        close("ide");
        open("emit");
        el("CNPJ", emit.cnpj().numero());
        el("xNome", emit.nome());
        endereco("enderEmit", emit.endereco(), emit.city().ibge(), null);
        el("IE", "ISENTO");
        el("CRT", "1");
        close("emit");
        open("dest");
        el(dest.documento().tipo() == Documento.Tipo.CPF ? "CPF" : "CNPJ", dest.documento().numero());
        el("xNome", dest.nome());
        if (dest.endereco() != null) {
            DemoPeople.City city = DemoPeople.city(dest.endereco().municipio(), dest.endereco().uf());
            endereco("enderDest", dest.endereco(), city.ibge(), dest.telefone());
        }
        el("indIEDest", "9");
        if (dest.email() != null) {
            el("email", dest.email());
        }
        close("dest");
        for (int i = 0; i < items.size(); i++) {
            item(i + 1, items.get(i), interstate);
        }
        open("total");
        open("ICMSTot");
        for (String zero : new String[] {"vBC", "vICMS", "vICMSDeson", "vFCP", "vBCST", "vST", "vFCPST", "vFCPSTRet"}) {
            el(zero, "0.00");
        }
        el("vProd", BrFormat.xmlCents(total));
        for (String zero : new String[] {"vFrete", "vSeg", "vDesc", "vII", "vIPI", "vIPIDevol", "vPIS", "vCOFINS", "vOutro"}) {
            el(zero, "0.00");
        }
        el("vNF", BrFormat.xmlCents(total));
        close("ICMSTot");
        close("total");
        open("transp");
        el("modFrete", "9");
        close("transp");
        if (!dups.isEmpty()) {
            open("cobr");
            open("fat");
            el("nFat", Long.toString(nNF));
            el("vOrig", BrFormat.xmlCents(total));
            el("vDesc", "0.00");
            el("vLiq", BrFormat.xmlCents(total));
            close("fat");
            for (Dup d : dups) {
                open("dup");
                el("nDup", d.nDup());
                el("dVenc", d.dVenc().toString());
                el("vDup", BrFormat.xmlCents(d.cents()));
                close("dup");
            }
            close("cobr");
        }
        open("pag");
        open("detPag");
        el("indPag", "1");
        el("tPag", "15");
        el("vPag", BrFormat.xmlCents(total));
        close("detPag");
        close("pag");
        open("infAdic");
        el("infCpl", "Documento gerado para demonstracao pelo Recebiveis Hub - sem valor fiscal");
        close("infAdic");
        close("infNFe");
        close("NFe");
        open("protNFe versao=\"4.00\"");
        open("infProt");
        el("tpAmb", "2");
        el("verAplic", "DEMO-1.0");
        el("chNFe", chave);
        el("dhRecbto", DH.format(dhEmi.plusMinutes(2)) + "-03:00");
        el("nProt", Long.toString(protocolo));
        el("cStat", "100");
        el("xMotivo", "Autorizado o uso da NF-e");
        close("infProt");
        close("protNFe");
        close("nfeProc");
        return sb.toString();
    }

    private void endereco(String tag, Endereco e, String cMun, String fone) {
        open(tag);
        el("xLgr", e.logradouro());
        el("nro", e.numero());
        if (e.complemento() != null) {
            el("xCpl", e.complemento());
        }
        el("xBairro", e.bairro());
        el("cMun", cMun);
        el("xMun", e.municipio());
        el("UF", e.uf());
        if (e.cep() != null) {
            el("CEP", e.cep());
        }
        el("cPais", "1058");
        el("xPais", "BRASIL");
        if (fone != null) {
            el("fone", fone);
        }
        close(tag);
    }

    private void item(int n, Item item, boolean interstate) {
        open("det nItem=\"" + n + "\"");
        open("prod");
        el("cProd", ChaveAcesso.pad(1000 + Math.abs(item.descricao().hashCode() % 9000), 5));
        el("cEAN", "SEM GTIN");
        el("xProd", item.descricao());
        el("NCM", item.ncm());
        el("CFOP", interstate ? "6102" : "5102");
        el("uCom", item.unidade());
        el("qCom", "1.0000");
        el("vUnCom", BrFormat.xmlCents(item.cents()));
        el("vProd", BrFormat.xmlCents(item.cents()));
        el("cEANTrib", "SEM GTIN");
        el("uTrib", item.unidade());
        el("qTrib", "1.0000");
        el("vUnTrib", BrFormat.xmlCents(item.cents()));
        el("indTot", "1");
        close("prod");
        open("imposto");
        open("ICMS");
        open("ICMSSN102");
        el("orig", "0");
        el("CSOSN", "102");
        close("ICMSSN102");
        close("ICMS");
        open("PIS");
        open("PISOutr");
        el("CST", "49");
        el("vBC", "0.00");
        el("pPIS", "0.0000");
        el("vPIS", "0.00");
        close("PISOutr");
        close("PIS");
        open("COFINS");
        open("COFINSOutr");
        el("CST", "49");
        el("vBC", "0.00");
        el("pCOFINS", "0.0000");
        el("vCOFINS", "0.00");
        close("COFINSOutr");
        close("COFINS");
        close("imposto");
        close("det");
    }

    private void open(String tagWithAttributes) {
        indent();
        sb.append('<').append(tagWithAttributes).append(">\n");
        depth++;
    }

    private void close(String tag) {
        depth--;
        indent();
        sb.append("</").append(tag).append(">\n");
    }

    /** Writes a text element; a null text writes nothing. */
    private void el(String tag, String text) {
        if (text == null) {
            return;
        }
        indent();
        sb.append('<').append(tag).append('>');
        escape(text);
        sb.append("</").append(tag).append(">\n");
    }

    private void indent() {
        for (int i = 0; i < depth; i++) {
            sb.append("  ");
        }
    }

    private void escape(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                default -> sb.append(c);
            }
        }
    }
}
