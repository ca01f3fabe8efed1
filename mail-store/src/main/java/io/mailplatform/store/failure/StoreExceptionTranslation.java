package io.mailplatform.store.failure;

import org.aopalliance.intercept.MethodInterceptor;
import org.springframework.aop.framework.autoproxy.AbstractBeanFactoryAwareAdvisingPostProcessor;
import org.springframework.aop.support.ComposablePointcut;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.stereotype.Repository;
import org.springframework.stereotype.Service;

/**
 * Applies {@link StoreExceptionTranslator} at the store's edge: every {@code @Repository} and
 * {@code @Service} bean of the store is proxied, so whatever one of their methods throws reaches the
 * caller as a store exception, never as a Spring data-access type. Calls between store beans pass
 * through the same translation, which leaves store exceptions as they are.
 */
public class StoreExceptionTranslation extends AbstractBeanFactoryAwareAdvisingPostProcessor {
    private static final long serialVersionUID = 1L;
    private static final String STORE_PACKAGE = "io.mailplatform.store";

    public StoreExceptionTranslation() {
        setProxyTargetClass(true);
        // outermost: failures of transaction begin and commit (@Transactional proxies) are translated too
        setBeforeExistingAdvisors(true);
        MethodInterceptor translate = invocation -> {
            try {
                return invocation.proceed();
            } catch (RuntimeException e) {
                throw StoreExceptionTranslator.translate(e);
            }
        };
        this.advisor = new DefaultPointcutAdvisor(new ComposablePointcut(StoreExceptionTranslation::isStoreEdge), translate);
    }

    /** Store classes that callers outside the store use: its repositories and services. */
    static boolean isStoreEdge(Class<?> type) {
        return (type.getPackageName().equals(STORE_PACKAGE) || type.getPackageName().startsWith(STORE_PACKAGE + "."))
                && (AnnotatedElementUtils.hasAnnotation(type, Repository.class)
                        || AnnotatedElementUtils.hasAnnotation(type, Service.class));
    }
}
