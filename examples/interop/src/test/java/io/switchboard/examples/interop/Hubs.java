package io.switchboard.examples.interop;

import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Single;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Blocking helpers over the Java client's Rx types, with one generous timeout that no test asserts on. */
public final class Hubs {
    /** How long any single awaited call or event may take before the test fails. */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    private Hubs() {
    }

    /** Waits for {@code completable}; its error (e.g. a {@code HubException}) is rethrown as is. */
    public static void await(Completable completable) {
        completable.timeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).blockingAwait();
    }

    /** Waits for {@code single} and returns its value; its error (e.g. a {@code HubException}) is rethrown as is. */
    public static <T> T await(Single<T> single) {
        return single.timeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).blockingGet();
    }
}
