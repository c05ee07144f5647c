package io.switchboard.backplane.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The message tables of one hub, each with its reader and writer threads. A message goes to the
 * table its channel hashes to, so that messages of one channel keep their order whatever the
 * table count (IntelliTect picks a table at random; readers of every table read every table, so
 * both can share the tables).
 */
final class HubTables {
  private static final Logger log = LoggerFactory.getLogger(HubTables.class);
  private static final long JOIN_SECONDS = 5;

  private final List<TableReader> readers = new ArrayList<>();
  private final List<TableWriter> writers = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private final CompletableFuture<Void> started;

  /**
   * Starts reading and writing the tables of {@code hubName}; {@code deliver} receives the
   * channel messages read, on the readers' threads.
   */
  HubTables(
      String hubName,
      DataSource dataSource,
      SqlDialect dialect,
      SqlBackplaneOptions options,
      SqlHealth health,
      BiConsumer<String, byte[]> deliver) {
    String prefix = "Messages_" + options.tableSlug(hubName) + "_";
    List<MessageTable> tables = new ArrayList<>();
    for (int i = 0; i < options.tableCount(); i++) {
      tables.add(new MessageTable(options.schemaName(), prefix + i));
    }
    SchemaInstall install = new SchemaInstall(dialect, options, hubName, tables);
    TableReader.RowHandler handler =
        (id, payload) -> {
          SqlPayloads.ChannelMessage message = SqlPayloads.fromPayload(hubName, payload);
          if (message == null) {
            log.debug("Ignored message {} of hub {}: a payload type this server does not know", id, hubName);
          } else {
            deliver.accept(message.channel(), message.envelope());
          }
        };
    for (MessageTable table : tables) {
      TableReader reader = new TableReader(dataSource, dialect, table, install, health, options, handler);
      TableWriter writer = new TableWriter(dataSource, dialect, table, install, health, options);
      readers.add(reader);
      writers.add(writer);
      threads.add(daemon(reader, "switchboard-sql-read-" + table.name()));
      threads.add(daemon(writer, "switchboard-sql-write-" + table.name()));
    }
    started =
        CompletableFuture.allOf(readers.stream().map(TableReader::started).toArray(CompletableFuture[]::new));
    threads.forEach(Thread::start);
  }

  /** Completes once every reader knows where it starts. */
  CompletableFuture<Void> started() {
    return started;
  }

  /** Appends a message of {@code channel} to the channel's table; completes with its id. */
  CompletableFuture<Long> append(String channel, byte[] payload) {
    return writers.get(Math.floorMod(channel.hashCode(), writers.size())).append(payload);
  }

  /** Stops the threads and waits for them a little. */
  void close() {
    readers.forEach(TableReader::close);
    writers.forEach(TableWriter::close);
    threads.forEach(Thread::interrupt);
    for (Thread thread : threads) {
      try {
        thread.join(TimeUnit.SECONDS.toMillis(JOIN_SECONDS));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static Thread daemon(Runnable task, String name) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    return thread;
  }
}
