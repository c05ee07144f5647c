package io.switchboard.hub;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares that a hub method never blocks, so that it runs on the connection's receive loop, the
 * thread that has just parsed its invocation, instead of being handed to the hub executor. That
 * saves a thread hand-off and a wake-up per call, about a third of the server's CPU time of a
 * small echo.
 *
 * <p>The contract, which the application promises by putting the annotation on a method:
 *
 * <ul>
 *   <li>The method, the {@link HubFactory} that creates its hub instance and the {@link
 *       HubFilter}s around it return without waiting: no blocking I/O (JDBC, files, HTTP), no
 *       {@code sleep}, no waiting on a lock, a latch, a future's {@code get}/{@code join}, nor on a
 *       client result. A few receive-loop threads (one per core) serve every connection of the
 *       server, so a method that blocks there stalls the reading of other connections.
 *   <li>Work that must wait goes into the {@link java.util.concurrent.CompletionStage} the method
 *       returns; the answer is sent when it completes, and the invocation holds its slot of {@link
 *       HubOptions#maximumParallelInvocationsPerClient} until then.
 *   <li>It never runs on a transport's I/O threads (Netty's event loops): those stay free of
 *       application code whatever the annotation says.
 * </ul>
 *
 * <p>Everything else is as for any hub method: invocations of one connection start in the order
 * the client sent them, each takes one of the connection's invocation slots (the next invocation
 * waits while none is free), and a thrown exception gives the client the reference's Completion
 * error text. {@link HubOptions#executor} is not used for these methods. Streaming methods and
 * methods with upload streams wait for their items and always run on the hub executor: the
 * annotation on them is a start-up error.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface NonBlocking {}
