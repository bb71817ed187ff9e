/**
 * Boleto and CNAB provider plugin for the Recebíveis Hub.
 *
 * <p>The hub sees only the four PF4J extensions, {@link br.com.recebiveishub.plugin.boleto.BoletoProvider}
 * (a {@code PaymentProvider}), {@link br.com.recebiveishub.plugin.boleto.BoletoReturnSimulator}
 * (a {@code BankReturnSimulator}), {@link br.com.recebiveishub.plugin.boleto.BoletoPdfRenderer}
 * (a {@code PayerDocumentRenderer}) and {@link br.com.recebiveishub.plugin.boleto.PixQrPngRenderer}
 * (a {@code PixQrRenderer}); everything else is package-private:
 *
 * <ul>
 *   <li>boleto value types: {@code CodigoDeBarras}, {@code LinhaDigitavel}, {@code FatorVencimento},
 *       check digits {@code Modulo10} and {@code Modulo11};</li>
 *   <li>per-bank rules ({@code RegrasCaixa}, {@code RegrasBancoDoBrasil}, {@code RegrasBradesco}):
 *       nosso número, its check digit, the barcode free field and the canonical nosso número;</li>
 *   <li>CNAB: {@code LayoutCnab240} and its bank variants, the remessa writer and reader, the CNAB
 *       240 and Bradesco CNAB 400 return parsers, and the return simulator;</li>
 *   <li>payer documents: {@code Interleaved2of5} (the barcode symbology) and {@code PixQrCode} (the
 *       one place a BR Code becomes a QR symbol, used by the PDF and the PNG).</li>
 * </ul>
 */
package br.com.recebiveishub.plugin.boleto;
