package br.com.recebiveishub.connector.erpfile;

import java.util.ArrayList;
import java.util.List;

/** Builds small synthetic NF-e 4.00 documents for tests, one part at a time. */
final class TestNfe {

    static final String CHAVE = ChaveAcesso.build("35", 24, 3, "11222333000181", "55", 1, 123, 1, 12345678);

    String id = "NFe" + CHAVE;
    String versao = "4.00";
    String rootOpen = "<NFe xmlns=\"http://www.portalfiscal.inf.br/nfe\">";
    String rootClose = "</NFe>";
    String nNF = "<nNF>123</nNF>";
    String dhEmi = "<dhEmi>2024-03-10T09:30:00-03:00</dhEmi>";
    String dest = """
            <dest>
              <CPF>52998224725</CPF>
              <xNome>Maria da Conceição</xNome>
              <enderDest>
                <xLgr>Rua das Flores</xLgr>
                <nro>10</nro>
                <xCpl>Apto 3</xCpl>
                <xBairro>Centro</xBairro>
                <cMun>3550308</cMun>
                <xMun>São Paulo</xMun>
                <UF>SP</UF>
                <CEP>01001000</CEP>
                <fone>1133334444</fone>
              </enderDest>
              <indIEDest>9</indIEDest>
              <email>maria@example.com</email>
            </dest>""";
    String vNF = "<vNF>300.00</vNF>";
    final List<String> dups = new ArrayList<>();
    String prot = "";

    TestNfe dup(String nDup, String dVenc, String vDup) {
        StringBuilder sb = new StringBuilder("<dup>");
        if (nDup != null) {
            sb.append("<nDup>").append(nDup).append("</nDup>");
        }
        if (dVenc != null) {
            sb.append("<dVenc>").append(dVenc).append("</dVenc>");
        }
        if (vDup != null) {
            sb.append("<vDup>").append(vDup).append("</vDup>");
        }
        dups.add(sb.append("</dup>").toString());
        return this;
    }

    /** Wraps the NFe in an nfeProc with a protocol of the given status. */
    TestNfe proc(String cStat, String chNFe) {
        rootOpen = "<nfeProc xmlns=\"http://www.portalfiscal.inf.br/nfe\" versao=\"4.00\"><NFe>";
        rootClose = "</NFe>";
        prot = "<protNFe versao=\"4.00\"><infProt><tpAmb>2</tpAmb><chNFe>" + chNFe + "</chNFe><cStat>" + cStat
                + "</cStat><xMotivo>x</xMotivo></infProt></protNFe></nfeProc>";
        return this;
    }

    String xml() {
        StringBuilder sb = new StringBuilder();
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append(rootOpen).append('\n');
        sb.append("<infNFe Id=\"").append(id).append("\" versao=\"").append(versao).append("\">\n");
        sb.append("<ide><cUF>35</cUF>").append(nNF).append(dhEmi).append("</ide>\n");
        sb.append("<emit><CNPJ>11222333000181</CNPJ><xNome>Emitente Ltda</xNome></emit>\n");
        sb.append(dest).append('\n');
        sb.append("<total><ICMSTot><vProd>300.00</vProd>").append(vNF).append("</ICMSTot></total>\n");
        if (!dups.isEmpty()) {
            sb.append("<cobr><fat><nFat>123</nFat></fat>\n");
            for (String d : dups) {
                sb.append(d).append('\n');
            }
            sb.append("</cobr>\n");
        }
        sb.append("</infNFe>\n");
        sb.append(rootClose).append('\n');
        sb.append(prot);
        return sb.toString();
    }
}
