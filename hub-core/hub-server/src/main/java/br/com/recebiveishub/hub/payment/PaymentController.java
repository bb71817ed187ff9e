package br.com.recebiveishub.hub.payment;

import br.com.recebiveishub.hub.tenant.TenantService;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Payments of a tenant and how they were allocated. */
@RestController
@RequestMapping("/api/tenants/{tenantId}/payments")
@Tag(name = "payments")
public class PaymentController {

    /** An allocation of a payment. */
    public record AllocationView(long receivableId, BigDecimal amount) {
    }

    /** A payment as the API shows it. */
    public record PaymentView(long id, Long chargeId, String bankCode, String nossoNumero, String movementCode, BigDecimal amount,
                              BigDecimal fee, BigDecimal netCredit, LocalDate paymentDate, LocalDate creditDate, String sourceFile,
                              Long sourceLine, String idempotencyKey, List<AllocationView> allocations) {
    }

    private final JdbcTemplate jdbc;
    private final TenantService tenants;
    private final com.fasterxml.jackson.databind.ObjectMapper json;

    public PaymentController(JdbcTemplate jdbc, TenantService tenants, com.fasterxml.jackson.databind.ObjectMapper json) {
        this.jdbc = jdbc;
        this.tenants = tenants;
        this.json = json;
    }

    @GetMapping
    public List<PaymentView> list(@PathVariable String tenantId, @RequestParam(defaultValue = "false") boolean unallocatedOnly,
                                  @RequestParam(defaultValue = "200") int limit) {
        tenants.require(tenantId);
        return jdbc.query("""
                select p.*, coalesce(json_agg(json_build_object('r', a.receivable_id, 'a', a.amount)) filter (where a.id is not null), '[]') as alloc
                  from payment p left join allocation a on a.payment_id = p.id
                 where p.tenant_id = ?
                 group by p.id
                having not ? or count(a.id) = 0
                 order by p.id desc limit ?
                """, (rs, i) -> new PaymentView(rs.getLong("id"), (Long) rs.getObject("charge_id"), rs.getString("bank_code"),
                rs.getString("nosso_numero"), rs.getString("movement_code"), rs.getBigDecimal("amount"), rs.getBigDecimal("fee"),
                rs.getBigDecimal("net_credit"), rs.getObject("payment_date", LocalDate.class), rs.getObject("credit_date", LocalDate.class),
                rs.getString("source_file"), (Long) rs.getObject("source_line"), rs.getString("idempotency_key"),
                parseAllocations(rs.getString("alloc"))), tenantId, unallocatedOnly, Math.min(Math.max(limit, 1), 5000));
    }

    private List<AllocationView> parseAllocations(String allocations) {
        try {
            var node = json.readTree(allocations);
            List<AllocationView> out = new java.util.ArrayList<>();
            node.forEach(n -> out.add(new AllocationView(n.get("r").asLong(), n.get("a").decimalValue().setScale(2))));
            return out;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
