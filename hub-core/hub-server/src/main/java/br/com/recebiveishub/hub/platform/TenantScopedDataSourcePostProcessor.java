package br.com.recebiveishub.hub.platform;

import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Wraps the application's DataSource (the bean named {@code dataSource}, embedded or configured)
 * in a {@link TenantScopedDataSource}. The owner's DataSource that runs migrations is left alone.
 */
@Component
class TenantScopedDataSourcePostProcessor implements BeanPostProcessor {

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if ("dataSource".equals(beanName) && bean instanceof DataSource ds && !(bean instanceof TenantScopedDataSource)) {
            return new TenantScopedDataSource(ds);
        }
        return bean;
    }
}
