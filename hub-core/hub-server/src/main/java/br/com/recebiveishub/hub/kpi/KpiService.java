package br.com.recebiveishub.hub.kpi;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Portfolio KPIs of a tenant as of a date: the kpi capability's public API.
 *
 * <p>"As of" is reconstructed from history, not read from today's balances: a receivable counts if
 * it was issued by that date, and its balance is the original amount less the allocations of
 * payments made by that date. So a report for last month does not change when this month's
 * payments arrive.
 */
@Service
public class KpiService {

    /** Aging buckets of the open balance by days past due. */
    public static final List<String> BUCKETS = List.of("A_VENCER", "D1_30", "D31_60", "D61_90", "D91_180", "D180_PLUS");

    /**
     * One aging bucket.
     *
     * @param bucket            bucket name (A_VENCER: not yet due)
     * @param receivables       how many receivables
     * @param openBalance       their open balance
     * @param delinquencyIndex  open balance of the bucket / total open balance, percent (null when nothing is open)
     */
    public record AgingBucket(String bucket, long receivables, BigDecimal openBalance, BigDecimal delinquencyIndex) {
    }

    /**
     * The KPI report.
     *
     * @param asOf                 the date
     * @param totalOpenBalance     open balance of the portfolio
     * @param overdueBalance       part of it past due
     * @param aging                buckets in order
     * @param dsoDays              receivables open / credit sales of the period x days in the period
     * @param dsoPeriodDays        the period
     * @param creditSales          sum of the original amounts issued in the period
     * @param averageDaysPastDue   simple mean of days past due of overdue receivables
     * @param weightedDaysPastDue  mean weighted by open balance
     */
    public record KpiReport(LocalDate asOf, BigDecimal totalOpenBalance, BigDecimal overdueBalance, List<AgingBucket> aging,
                            BigDecimal dsoDays, int dsoPeriodDays, BigDecimal creditSales, BigDecimal averageDaysPastDue,
                            BigDecimal weightedDaysPastDue) {
    }

    private final JdbcTemplate jdbc;

    public KpiService(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Computes the report for a tenant as of a date, with DSO over the {@code periodDays} ending on it. */
    @Transactional(readOnly = true)
    public KpiReport report(String tenantId, LocalDate asOf, int periodDays) {
        if (periodDays < 1 || periodDays > 3660) {
            throw new IllegalArgumentException("periodDays: must be between 1 and 3660");
        }
        Map<String, AgingBucket> buckets = new LinkedHashMap<>();
        BUCKETS.forEach(b -> buckets.put(b, new AgingBucket(b, 0, BigDecimal.ZERO.setScale(2), null)));
        BigDecimal[] totals = {BigDecimal.ZERO.setScale(2), BigDecimal.ZERO.setScale(2)};
        BigDecimal[] dpd = new BigDecimal[2];
        long[] overdueN = {0};
        jdbc.query("""
                with bal as (
                  select r.id, r.due_date,
                         r.original_amount - coalesce((select sum(a.amount) from allocation a join payment p on p.id = a.payment_id
                                                        where a.receivable_id = r.id
                                                          and coalesce(p.payment_date, (p.created_at at time zone 'America/Sao_Paulo')::date) <= ?), 0) as open
                    from receivable r
                   -- written off: a loss, no longer in the portfolio being collected (from any as-of date: the
                   -- write-off date is in the audit trail, not yet in this read model)
                   where r.tenant_id = ? and r.status not in ('CANCELLED', 'WRITTEN_OFF')
                     and coalesce(r.issue_date, (r.created_at at time zone 'America/Sao_Paulo')::date) <= ?
                ), aged as (
                  select open, (?::date - due_date) as dpd,
                         case when ?::date - due_date <= 0 then 'A_VENCER'
                              when ?::date - due_date <= 30 then 'D1_30'
                              when ?::date - due_date <= 60 then 'D31_60'
                              when ?::date - due_date <= 90 then 'D61_90'
                              when ?::date - due_date <= 180 then 'D91_180'
                              else 'D180_PLUS' end as bucket
                    from bal where open > 0
                )
                select bucket, count(*) as n, sum(open) as open,
                       sum(dpd) filter (where dpd > 0) as dpd_sum, count(*) filter (where dpd > 0) as dpd_n,
                       sum(dpd * open) filter (where dpd > 0) as dpd_weighted
                  from aged group by bucket
                """, rs -> {
            String b = rs.getString("bucket");
            BigDecimal open = rs.getBigDecimal("open");
            buckets.put(b, new AgingBucket(b, rs.getLong("n"), open, null));
            totals[0] = totals[0].add(open);
            if (!"A_VENCER".equals(b)) {
                totals[1] = totals[1].add(open);
            }
            dpd[0] = add(dpd[0], rs.getBigDecimal("dpd_sum"));
            dpd[1] = add(dpd[1], rs.getBigDecimal("dpd_weighted"));
            overdueN[0] += rs.getLong("dpd_n");
        }, asOf, tenantId, asOf, asOf, asOf, asOf, asOf, asOf, asOf);
        List<AgingBucket> aging = new ArrayList<>();
        for (AgingBucket b : buckets.values()) {
            BigDecimal idx = totals[0].signum() == 0 ? null
                    : b.openBalance().multiply(BigDecimal.valueOf(100)).divide(totals[0], 2, RoundingMode.HALF_EVEN);
            aging.add(new AgingBucket(b.bucket(), b.receivables(), b.openBalance(), idx));
        }
        BigDecimal creditSales = jdbc.queryForObject("""
                select coalesce(sum(original_amount), 0) from receivable
                 where tenant_id = ? and status <> 'CANCELLED' and issue_date > ?::date - ? and issue_date <= ?
                """, BigDecimal.class, tenantId, asOf, periodDays, asOf);
        BigDecimal dso = creditSales.signum() == 0 ? null
                : totals[0].multiply(BigDecimal.valueOf(periodDays)).divide(creditSales, 1, RoundingMode.HALF_EVEN);
        BigDecimal avg = overdueN[0] == 0 ? null : dpd[0].divide(BigDecimal.valueOf(overdueN[0]), 1, RoundingMode.HALF_EVEN);
        BigDecimal weighted = totals[1].signum() == 0 ? null : dpd[1].divide(totals[1], 1, RoundingMode.HALF_EVEN);
        return new KpiReport(asOf, totals[0], totals[1], aging, dso, periodDays, creditSales, avg, weighted);
    }

    private static BigDecimal add(BigDecimal a, BigDecimal b) {
        if (b == null) {
            return a;
        }
        return a == null ? b : a.add(b);
    }
}
