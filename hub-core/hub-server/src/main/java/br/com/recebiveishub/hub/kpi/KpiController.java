package br.com.recebiveishub.hub.kpi;

import br.com.recebiveishub.hub.platform.HubProperties;
import br.com.recebiveishub.hub.tenant.TenantService;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Portfolio KPIs: aging, delinquency per bucket, DSO, days past due. */
@RestController
@RequestMapping("/api/tenants/{tenantId}/kpis")
@Tag(name = "kpis")
public class KpiController {

    private final KpiService kpis;
    private final TenantService tenants;
    private final HubProperties props;

    public KpiController(KpiService kpis, TenantService tenants, HubProperties props) {
        this.kpis = kpis;
        this.tenants = tenants;
        this.props = props;
    }

    @GetMapping
    public KpiService.KpiReport report(@PathVariable String tenantId,
                                       @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
                                       @RequestParam(defaultValue = "90") int periodDays) {
        tenants.require(tenantId);
        return kpis.report(tenantId, asOf != null ? asOf : LocalDate.now(props.zoneId()), periodDays);
    }
}
