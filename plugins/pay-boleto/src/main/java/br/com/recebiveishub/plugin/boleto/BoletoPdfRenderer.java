package br.com.recebiveishub.plugin.boleto;

import br.com.recebiveishub.sdk.PayerDocumentRenderer;
import br.com.recebiveishub.sdk.model.BoletoSlip;
import br.com.recebiveishub.sdk.model.Endereco;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.pf4j.Extension;

/**
 * The payer's boleto as a one-page A4 PDF ({@link PayerDocumentRenderer}): the payer's receipt
 * ("Recibo do Pagador") above a cut line and the "Ficha de Compensação" below it, with the
 * beneficiary's name, CPF/CNPJ and full address on both (CDC Art. 42-A), the formatted linha
 * digitável, the Interleaved 2 of 5 barcode and, for a boleto híbrido, the Pix QR code.
 *
 * <p>Barcode as FEBRABAN specifies it: narrow element 0.254 mm (0.72 pt), wide three times narrow,
 * 13 mm high, about 103 mm long for 44 digits, with a quiet zone of at least 6.35 mm on both sides.
 * Everything is drawn as vectors, so the bars keep their exact widths at any printer resolution.
 *
 * <p>Validates before drawing (see {@link PayerDocumentRenderer}); stateless and thread-safe.
 */
@Extension
public final class BoletoPdfRenderer implements PayerDocumentRenderer {

    /** FEBRABAN narrow bar: 0.254 mm = 1/100 inch = 0.72 pt. */
    static final float BARRA_FINA = 0.72f;
    /** Wide : narrow ratio. */
    static final int RAZAO = 3;
    /** Barcode height: 13 mm. */
    static final float ALTURA_BARRAS = 13f / 25.4f * 72f;
    /** Quiet zone each side: 25 narrow modules (6.35 mm), above ITF's 10 and FEBRABAN's 5 mm. */
    static final float ZONA_DE_SILENCIO = 25 * BARRA_FINA;
    /** Size of one QR module on the page (about 0.78 mm). */
    static final float MODULO_QR = 2.2f;

    private static final Map<String, String> BANCOS = Map.of(
            "104", "CAIXA ECONÔMICA FEDERAL",
            "001", "BANCO DO BRASIL S.A.",
            "237", "BANCO BRADESCO S.A.");

    private static final DateTimeFormatter DATA = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final float MARGEM = 28f;
    private static final PDRectangle PAGINA = PDRectangle.A4;
    private static final float LARGURA = PAGINA.getWidth() - 2 * MARGEM;

    @Override
    public Set<String> supportedBanks() {
        return BANCOS.keySet();
    }

    @Override
    public byte[] renderBoletoPdf(BoletoSlip slip) {
        Validado v = validar(slip);
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage(PAGINA);
            doc.addPage(page);
            PDDocumentInformation info = doc.getDocumentInformation();
            // No personal data in the metadata: bank and nosso número only.
            info.setTitle("Boleto " + slip.bankCode() + " " + nullToEmpty(slip.nossoNumero()));
            info.setProducer("Recebiveis Hub pay-boleto");
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                new Desenho(cs, slip, v).desenhar();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("boleto PDF could not be written", e);
        }
    }

    /** The slip's values after validation. */
    record Validado(CodigoDeBarras codigo, LinhaDigitavel linha, PixQrCode qr) {
    }

    static Validado validar(BoletoSlip s) {
        if (!BANCOS.containsKey(s.bankCode())) {
            throw new IllegalArgumentException("bankCode " + s.bankCode() + " is not printed by this renderer (supported: 104, 001, 237)");
        }
        CodigoDeBarras codigo;
        try {
            codigo = CodigoDeBarras.parse(s.barcode());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("barcode: " + e.getMessage(), e);
        }
        if (!codigo.banco().equals(s.bankCode())) {
            throw new IllegalArgumentException("barcode is of bank " + codigo.banco() + ", not bankCode " + s.bankCode());
        }
        LinhaDigitavel linha;
        try {
            linha = LinhaDigitavel.parse(s.linhaDigitavel());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("linhaDigitavel: " + e.getMessage(), e);
        }
        if (!linha.codigoDeBarras().equals(codigo)) {
            throw new IllegalArgumentException("linhaDigitavel does not represent the barcode");
        }
        BigDecimal valor = s.amount();
        if (valor.signum() <= 0 || valor.stripTrailingZeros().scale() > 2) {
            throw new IllegalArgumentException("amount must be positive with at most 2 decimal places");
        }
        if (codigo.valor().signum() != 0 && codigo.valor().compareTo(valor) != 0) {
            throw new IllegalArgumentException("amount " + valor + " is not the barcode's amount " + codigo.valor());
        }
        if (codigo.fator() != 0 && FatorVencimento.codificar(s.dueDate()) != codigo.fator()) {
            throw new IllegalArgumentException("dueDate " + s.dueDate() + " is not the barcode's due-date factor " + codigo.fator());
        }
        BoletoSlip.Party c = s.creditor();
        if (blank(c.name())) {
            throw new IllegalArgumentException("creditor.name is required (CDC Art. 42-A)");
        }
        if (c.document() == null) {
            throw new IllegalArgumentException("creditor.document (CPF/CNPJ) is required (CDC Art. 42-A)");
        }
        Endereco e = c.address();
        if (e == null || blank(e.logradouro()) || blank(e.municipio()) || blank(e.uf())) {
            throw new IllegalArgumentException("creditor.address (street, city and state) is required (CDC Art. 42-A)");
        }
        if (blank(s.payer().name()) || s.payer().document() == null) {
            throw new IllegalArgumentException("payer.name and payer.document are required");
        }
        PixQrCode qr = null;
        if (s.pixBrCode() != null) {
            qr = PixQrCode.de(s.pixBrCode());
        }
        return new Validado(codigo, linha, qr);
    }

    /** @return the bank code with its módulo-11 check digit, as printed: {@code 104-0}, {@code 001-9}, {@code 237-2} */
    static String codigoBancoComDv(String banco) {
        int soma = (banco.charAt(0) - '0') * 4 + (banco.charAt(1) - '0') * 3 + (banco.charAt(2) - '0') * 2;
        int dv = 11 - soma % 11;
        return banco + "-" + (dv >= 10 ? 0 : dv);
    }

    static String moeda(BigDecimal v) {
        DecimalFormat f = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.forLanguageTag("pt-BR")));
        return "R$ " + f.format(v);
    }

    static String endereco(Endereco e) {
        if (e == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        sb.append(nullToEmpty(e.logradouro()));
        if (!blank(e.numero())) {
            sb.append(", ").append(e.numero());
        }
        if (!blank(e.complemento())) {
            sb.append(", ").append(e.complemento());
        }
        if (!blank(e.bairro())) {
            sb.append(" - ").append(e.bairro());
        }
        sb.append(" - ").append(nullToEmpty(e.municipio())).append("/").append(nullToEmpty(e.uf()));
        if (!blank(e.cep()) && e.cep().length() == 8) {
            sb.append(" - CEP ").append(e.cep(), 0, 5).append('-').append(e.cep().substring(5));
        } else if (!blank(e.cep())) {
            sb.append(" - CEP ").append(e.cep());
        }
        return sb.toString();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String data(LocalDate d) {
        return d == null ? "" : DATA.format(d);
    }

    /** Draws one slip; y grows downwards from the top of the page in this class's helpers. */
    private static final class Desenho {

        private final PDPageContentStream cs;
        private final BoletoSlip s;
        private final Validado v;
        private final PDType1Font normal = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        private final PDType1Font negrito = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);

        Desenho(PDPageContentStream cs, BoletoSlip s, Validado v) {
            this.cs = cs;
            this.s = s;
            this.v = v;
        }

        void desenhar() throws IOException {
            cs.setLineWidth(0.5f);
            float y = MARGEM;
            y = recibo(y);
            y = corte(y + 8);
            ficha(y + 10);
        }

        // ---- Recibo do Pagador ----------------------------------------------------------------

        private float recibo(float topo) throws IOException {
            float y = cabecalho(topo, "Recibo do Pagador");
            float larguraCampos = v.qr() == null ? LARGURA : LARGURA - 150;
            float x = MARGEM;
            String creditor = s.creditor().name() + " - " + rotuloDocumento(s.creditor().document()) + " " + s.creditor().document().formatado();
            y = caixaMultilinha(x, y, larguraCampos, "Beneficiário",
                    List.of(creditor, endereco(s.creditor().address())));
            float[] col = {0.26f, 0.32f, 0.2f, 0.22f};
            y = linhaDeCampos(x, y, larguraCampos, col,
                    new String[] {"Agência / Código do Beneficiário", "Nosso Número", "Nº do Documento", "Vencimento"},
                    new String[] {nullToEmpty(s.beneficiaryCode()), nullToEmpty(s.nossoNumero()),
                        nullToEmpty(s.documentNumber()), data(s.dueDate())});
            String pagador = s.payer().name() + " - " + rotuloDocumento(s.payer().document()) + " " + s.payer().document().formatado();
            List<String> linhasPagador = new ArrayList<>();
            linhasPagador.add(pagador);
            if (s.payer().address() != null) {
                linhasPagador.add(endereco(s.payer().address()));
            }
            y = caixaMultilinha(x, y, larguraCampos, "Pagador", linhasPagador);
            y = linhaDeCampos(x, y, larguraCampos, new float[] {0.5f, 0.5f},
                    new String[] {"(=) Valor do Documento", "Data do Documento"},
                    new String[] {moeda(s.amount()), data(s.issueDate())});
            float fim = y;
            if (v.qr() != null) {
                float qx = MARGEM + larguraCampos + 8;
                float lado = v.qr().modulosComZona() * MODULO_QR;
                texto(negrito, 8, qx, topo + 30, "Pague com Pix");
                qr(qx, topo + 34, v.qr());
                float ty = topo + 34 + lado + 8;
                texto(normal, 5.5f, qx, ty, "Pix Copia e Cola:");
                for (String l : quebrarCaracteres(s.pixBrCode(), normal, 5.5f, 142)) {
                    ty += 7;
                    texto(normal, 5.5f, qx, ty, l);
                }
                fim = Math.max(fim, ty + 4);
            }
            texto(normal, 6, MARGEM, fim + 10, "Autenticação mecânica");
            return fim + 14;
        }

        private float corte(float y) throws IOException {
            cs.setLineDashPattern(new float[] {3, 3}, 0);
            linhaHorizontal(MARGEM, y, LARGURA);
            cs.setLineDashPattern(new float[] {}, 0);
            texto(normal, 6, MARGEM + LARGURA - 110, y - 2, "Corte na linha pontilhada");
            return y;
        }

        // ---- Ficha de Compensação -------------------------------------------------------------

        private void ficha(float topo) throws IOException {
            float y = cabecalho(topo, null);
            float x = MARGEM;
            float direita = 150;
            float esquerda = LARGURA - direita;
            // Local de pagamento | Vencimento
            caixa(x, y, esquerda, 22, "Local de Pagamento", "Pagável em qualquer banco ou correspondente bancário até o vencimento", normal, 8);
            caixa(x + esquerda, y, direita, 22, "Vencimento", data(s.dueDate()), negrito, 9);
            y += 22;
            // Beneficiário (name, CNPJ, address) | Agência / Código
            String creditor = s.creditor().name() + " - " + rotuloDocumento(s.creditor().document()) + " " + s.creditor().document().formatado();
            float alturaBenef = 30;
            retangulo(x, y, esquerda, alturaBenef);
            rotulo(x, y, "Beneficiário");
            texto(normal, 8, x + 3, y + 16, ajustar(creditor, normal, 8, esquerda - 6));
            texto(normal, 7, x + 3, y + 26, ajustar(endereco(s.creditor().address()), normal, 7, esquerda - 6));
            caixa(x + esquerda, y, direita, alturaBenef, "Agência / Código do Beneficiário", nullToEmpty(s.beneficiaryCode()), normal, 8);
            y += alturaBenef;
            // Data doc | Nº doc | Espécie doc | Aceite | Data processamento | Nosso número
            float[] c1 = {0.2f, 0.26f, 0.14f, 0.1f, 0.3f};
            linhaDeCampos(x, y, esquerda, c1,
                    new String[] {"Data do Documento", "Nº do Documento", "Espécie Doc.", "Aceite", "Data Processamento"},
                    new String[] {data(s.issueDate()), nullToEmpty(s.documentNumber()), "DM", "N", data(s.issueDate())});
            caixa(x + esquerda, y, direita, 22, "Nosso Número", nullToEmpty(s.nossoNumero()), normal, 8);
            y += 22;
            linhaDeCampos(x, y, esquerda, new float[] {0.2f, 0.16f, 0.14f, 0.2f, 0.3f},
                    new String[] {"Uso do Banco", "Carteira", "Espécie", "Quantidade", "Valor"},
                    new String[] {"", "", "R$", "", ""});
            caixa(x + esquerda, y, direita, 22, "(=) Valor do Documento", moeda(s.amount()), negrito, 9);
            y += 22;
            // Instruções | (-) Desconto / (+) Mora, Multa / (=) Valor cobrado
            List<String> instrucoes = new ArrayList<>();
            if (s.discountText() != null && !s.discountText().isBlank()) {
                instrucoes.add(s.discountText());
            }
            if (s.fineText() != null && !s.fineText().isBlank()) {
                instrucoes.add(s.fineText());
            }
            if (s.interestText() != null && !s.interestText().isBlank()) {
                instrucoes.add(s.interestText());
            }
            instrucoes.addAll(s.instructions());
            float alturaInstr = 88;
            retangulo(x, y, esquerda, alturaInstr);
            rotulo(x, y, "Instruções (texto de responsabilidade do beneficiário)");
            float iy = y + 16;
            for (String instr : instrucoes) {
                for (String l : quebrar(instr, normal, 7.5f, esquerda - 6)) {
                    if (iy > y + alturaInstr - 3) {
                        break;
                    }
                    texto(normal, 7.5f, x + 3, iy, l);
                    iy += 9;
                }
            }
            String[] direitos = {"(-) Desconto / Abatimento", "(+) Mora / Multa / Juros", "(=) Valor Cobrado", ""};
            float alt = alturaInstr / direitos.length;
            for (int i = 0; i < direitos.length; i++) {
                caixa(x + esquerda, y + i * alt, direita, alt, direitos[i], "", normal, 8);
            }
            y += alturaInstr;
            // Pagador
            String pagador = s.payer().name() + " - " + rotuloDocumento(s.payer().document()) + " " + s.payer().document().formatado();
            float alturaPag = 34;
            retangulo(x, y, LARGURA, alturaPag);
            rotulo(x, y, "Pagador");
            texto(normal, 8, x + 3, y + 16, ajustar(pagador, normal, 8, LARGURA - 6));
            if (s.payer().address() != null) {
                texto(normal, 7, x + 3, y + 27, ajustar(endereco(s.payer().address()), normal, 7, LARGURA - 6));
            }
            y += alturaPag;
            texto(normal, 6, x, y + 8, "Sacador / Avalista:");
            texto(normal, 6, x + LARGURA - 165, y + 8, "Autenticação Mecânica - FICHA DE COMPENSAÇÃO");
            barras(x + ZONA_DE_SILENCIO, y + 14);
        }

        /** Bank name | bank code-DV | linha digitável (or the receipt title). */
        private float cabecalho(float topo, String titulo) throws IOException {
            float h = 22;
            String banco = BANCOS.get(s.bankCode());
            texto(negrito, 10, MARGEM, topo + 15, banco);
            float xCodigo = MARGEM + 160;
            linhaVertical(xCodigo, topo + 2, h - 2);
            texto(negrito, 14, xCodigo + 6, topo + 16, codigoBancoComDv(s.bankCode()));
            linhaVertical(xCodigo + 56, topo + 2, h - 2);
            String linha = v.linha().formatada();
            float tam = 11;
            float larg = negrito.getStringWidth(linha) / 1000 * tam;
            texto(negrito, tam, MARGEM + LARGURA - larg, topo + 16, linha);
            if (titulo != null) {
                texto(negrito, 8, xCodigo + 62, topo + 6, titulo);
            }
            linhaHorizontal(MARGEM, topo + h, LARGURA);
            return topo + h;
        }

        private float linhaDeCampos(float x, float y, float largura, float[] proporcoes, String[] rotulos, String[] valores)
                throws IOException {
            float cx = x;
            for (int i = 0; i < rotulos.length; i++) {
                float w = largura * proporcoes[i];
                caixa(cx, y, w, 22, rotulos[i], valores[i], normal, 8);
                cx += w;
            }
            return y + 22;
        }

        private float caixaMultilinha(float x, float y, float largura, String rotulo, List<String> linhas) throws IOException {
            float altura = 10 + 10 * linhas.size() + 2;
            retangulo(x, y, largura, altura);
            rotulo(x, y, rotulo);
            float ty = y + 17;
            for (String l : linhas) {
                texto(normal, 8, x + 3, ty, ajustar(l, normal, 8, largura - 6));
                ty += 10;
            }
            return y + altura;
        }

        private void caixa(float x, float y, float w, float h, String rotulo, String valor, PDType1Font fonte, float tam)
                throws IOException {
            retangulo(x, y, w, h);
            rotulo(x, y, rotulo);
            if (!valor.isEmpty()) {
                texto(fonte, tam, x + 3, y + Math.min(h - 4, 17), ajustar(valor, fonte, tam, w - 6));
            }
        }

        private void rotulo(float x, float y, String rotulo) throws IOException {
            if (!rotulo.isEmpty()) {
                texto(normal, 5.5f, x + 2, y + 6.5f, rotulo);
            }
        }

        /** The barcode: bars as filled rectangles, narrow 0.72 pt and wide 2.16 pt. */
        private void barras(float x, float topo) throws IOException {
            String elementos = Interleaved2of5.codificar(v.codigo().digitos());
            float cx = x;
            for (int i = 0; i < elementos.length(); i++) {
                float w = elementos.charAt(i) == 'w' ? BARRA_FINA * RAZAO : BARRA_FINA;
                if (i % 2 == 0) {
                    cs.addRect(cx, pdfY(topo + ALTURA_BARRAS), w, ALTURA_BARRAS);
                }
                cx += w;
            }
            cs.fill();
        }

        private void qr(float x, float topo, PixQrCode qr) throws IOException {
            float x0 = x + PixQrCode.ZONA_DE_SILENCIO * MODULO_QR;
            float y0 = topo + PixQrCode.ZONA_DE_SILENCIO * MODULO_QR;
            for (int my = 0; my < qr.modulos(); my++) {
                for (int mx = 0; mx < qr.modulos(); mx++) {
                    if (qr.escuro(mx, my)) {
                        cs.addRect(x0 + mx * MODULO_QR, pdfY(y0 + (my + 1) * MODULO_QR), MODULO_QR, MODULO_QR);
                    }
                }
            }
            cs.fill();
        }

        private void texto(PDType1Font fonte, float tam, float x, float yBase, String t) throws IOException {
            String limpo = imprimivel(fonte, t);
            if (limpo.isEmpty()) {
                return;
            }
            cs.beginText();
            cs.setFont(fonte, tam);
            cs.newLineAtOffset(x, pdfY(yBase));
            cs.showText(limpo);
            cs.endText();
        }

        private void retangulo(float x, float y, float w, float h) throws IOException {
            cs.addRect(x, pdfY(y + h), w, h);
            cs.stroke();
        }

        private void linhaHorizontal(float x, float y, float w) throws IOException {
            cs.moveTo(x, pdfY(y));
            cs.lineTo(x + w, pdfY(y));
            cs.stroke();
        }

        private void linhaVertical(float x, float y, float h) throws IOException {
            cs.moveTo(x, pdfY(y));
            cs.lineTo(x, pdfY(y + h));
            cs.stroke();
        }

        private static float pdfY(float yDoTopo) {
            return PAGINA.getHeight() - yDoTopo;
        }

        private static String rotuloDocumento(br.com.recebiveishub.sdk.model.Documento d) {
            return d.tipo() == br.com.recebiveishub.sdk.model.Documento.Tipo.CPF ? "CPF" : "CNPJ";
        }

        /** Cuts a single line to fit, ending with "..." when it had to be cut. */
        private static String ajustar(String t, PDType1Font fonte, float tam, float largura) throws IOException {
            String limpo = imprimivel(fonte, t);
            if (largura(limpo, fonte, tam) <= largura) {
                return limpo;
            }
            String s = limpo;
            while (!s.isEmpty() && largura(s + "...", fonte, tam) > largura) {
                s = s.substring(0, s.length() - 1);
            }
            return s + "...";
        }

        private static List<String> quebrar(String t, PDType1Font fonte, float tam, float largura) throws IOException {
            List<String> linhas = new ArrayList<>();
            StringBuilder atual = new StringBuilder();
            for (String palavra : imprimivel(fonte, t).split(" ")) {
                String tentativa = atual.isEmpty() ? palavra : atual + " " + palavra;
                if (largura(tentativa, fonte, tam) <= largura || atual.isEmpty()) {
                    atual.setLength(0);
                    atual.append(tentativa);
                } else {
                    linhas.add(atual.toString());
                    atual.setLength(0);
                    atual.append(palavra);
                }
            }
            if (!atual.isEmpty()) {
                linhas.add(atual.toString());
            }
            return linhas;
        }

        /** Breaks a string without spaces (a BR Code) by width. */
        private static List<String> quebrarCaracteres(String t, PDType1Font fonte, float tam, float largura) throws IOException {
            List<String> linhas = new ArrayList<>();
            StringBuilder atual = new StringBuilder();
            for (char c : imprimivel(fonte, t).toCharArray()) {
                if (largura(atual.toString() + c, fonte, tam) > largura) {
                    linhas.add(atual.toString());
                    atual.setLength(0);
                }
                atual.append(c);
            }
            if (!atual.isEmpty()) {
                linhas.add(atual.toString());
            }
            return linhas;
        }

        private static float largura(String t, PDType1Font fonte, float tam) throws IOException {
            return fonte.getStringWidth(t) / 1000 * tam;
        }

        /** Replaces control characters by spaces and characters the font cannot encode by '?'. */
        private static String imprimivel(PDType1Font fonte, String t) {
            if (t == null) {
                return "";
            }
            StringBuilder sb = new StringBuilder(t.length());
            t.codePoints().forEach(cp -> {
                if (Character.isISOControl(cp)) {
                    sb.append(' ');
                    return;
                }
                String c = new String(Character.toChars(cp));
                try {
                    fonte.encode(c);
                    sb.append(c);
                } catch (IOException | IllegalArgumentException e) {
                    sb.append('?');
                }
            });
            return sb.toString();
        }
    }
}
