package io.switchboard.examples.interop;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves {@link TestServer} parameters. The server is started once per test run, on first use, and stopped when
 * the run ends (it lives in the root context's store, which closes it). After each test class, a buffer leak the
 * server reported fails that class.
 */
public final class TestServerExtension implements ParameterResolver, AfterAllCallback {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(TestServerExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestServer.class;
    }

    @Override
    public TestServer resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(TestServer.class, type -> start(), TestServer.class);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        TestServer server = context.getRoot().getStore(NAMESPACE).get(TestServer.class, TestServer.class);
        if (server != null) {
            server.assertNoLeaks();
        }
    }

    private static TestServer start() {
        try {
            return TestServer.startConfigured();
        } catch (Exception e) {
            throw new ParameterResolutionException("Could not start the interop server: " + e.getMessage(), e);
        }
    }
}
