package br.com.recebiveishub.plugin.card;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.recebiveishub.sdk.CardPaymentProvider.PaymentState;
import br.com.recebiveishub.sdk.CardPaymentProvider.Reversal;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The nine payment statuses Mercado Pago documents, each in the hub's model. */
class StatusMappingTest {

    @ParameterizedTest
    @CsvSource({
            "pending, PENDING, NONE",
            "approved, SUCCEEDED, NONE",
            "authorized, PENDING, NONE",
            "in_process, PENDING, NONE",
            "in_mediation, PENDING, NONE",
            "rejected, FAILED, NONE",
            "cancelled, FAILED, NONE",
            "refunded, SUCCEEDED, REFUNDED",
            "charged_back, SUCCEEDED, CHARGED_BACK",
            "some_future_status, UNKNOWN, NONE"})
    void documentedStatuses(String status, PaymentState state, Reversal reversal) {
        assertThat(StatusMapping.state(status)).isEqualTo(state);
        assertThat(StatusMapping.reversal(status, BigDecimal.ZERO)).isEqualTo(reversal);
    }

    @Test
    void noStatusIsUnknownNotFailed() {
        assertThat(StatusMapping.state(null)).isEqualTo(PaymentState.UNKNOWN);
    }

    @Test
    void aDocumentedPaymentPayloadReads() throws Exception {
        // shape of GET /v1/payments/{id} in Mercado Pago's API reference (values are the reference's examples)
        String json = """
                {"id": 20359978, "date_created": "2019-07-10T10:47:58.000-04:00",
                 "date_approved": "2019-07-10T10:47:58.000-04:00", "date_last_updated": "2019-07-10T10:47:58.000-04:00",
                 "payment_method_id": "master", "payment_type_id": "credit_card", "status": "approved",
                 "status_detail": "accredited", "currency_id": "BRL", "description": "Point Mini a maquininha que dá o dinheiro de suas vendas na hora",
                 "transaction_amount": 58.8, "transaction_amount_refunded": 0, "installments": 1,
                 "external_reference": "MP0001", "captured": true}""";
        var p = MercadoPagoProvider.payment(new ObjectMapper().enable(
                com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).readTree(json));
        assertThat(p.paymentId()).isEqualTo("20359978");
        assertThat(p.amount()).hasToString("58.80");
        assertThat(p.refundedAmount()).hasToString("0.00");
        assertThat(p.state()).isEqualTo(PaymentState.SUCCEEDED);
        assertThat(p.createdAt()).hasToString("2019-07-10T14:47:58Z");
        assertThat(p.installments()).isEqualTo(1);
    }

    @Test
    void theSchemaKeepsCredentialsWriteOnly() throws Exception {
        JsonNode s = new ObjectMapper().readTree(new MercadoPagoProvider().configurationSchema());
        assertThat(s.path("properties").path("accessToken").path("writeOnly").asBoolean()).isTrue();
        assertThat(s.path("properties").path("webhookSecret").path("writeOnly").asBoolean()).isTrue();
        assertThat(s.path("properties").path("apiBaseUrl").path("writeOnly").asBoolean()).isFalse();
        for (Iterator<Map.Entry<String, JsonNode>> it = s.path("properties").fields(); it.hasNext(); ) {
            assertThat(it.next().getValue().path("description").asText()).isNotBlank();
        }
    }
}
