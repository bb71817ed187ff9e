/**
 * The Recebíveis Hub plugin SDK: the only types a connector or provider plugin may see.
 *
 * <p>Plugins implement the extension points ({@link br.com.recebiveishub.sdk.ErpConnector} (ERP files),
 * {@link br.com.recebiveishub.sdk.ErpApiConnector} (ERP APIs, incremental, with payment write-back),
 * {@link br.com.recebiveishub.sdk.PaymentProvider}, the online payment points
 * {@link br.com.recebiveishub.sdk.InstantPaymentProvider} and {@link br.com.recebiveishub.sdk.CardPaymentProvider},
 * {@link br.com.recebiveishub.sdk.StatementReader}, the debtor channels
 * {@link br.com.recebiveishub.sdk.MessageChannel} (e-mail; SMS and WhatsApp later),
 * the payer documents {@link br.com.recebiveishub.sdk.PayerDocumentRenderer} and
 * {@link br.com.recebiveishub.sdk.PixQrRenderer}, and the test tools
 * {@link br.com.recebiveishub.sdk.SourceFileGenerator} and
 * {@link br.com.recebiveishub.sdk.BankReturnSimulator}) and exchange the immutable DTOs of
 * {@link br.com.recebiveishub.sdk.model} with the hub. The hub owns persistence, routes,
 * retries, idempotency and audit; plugins supply format and provider logic only.
 *
 * <p>Compatibility: the SDK follows semantic versioning ({@link br.com.recebiveishub.sdk.HubSdk#VERSION});
 * a plugin declares the range it needs in {@code plugin.properties} ({@code plugin.requires}).
 */
package br.com.recebiveishub.sdk;
