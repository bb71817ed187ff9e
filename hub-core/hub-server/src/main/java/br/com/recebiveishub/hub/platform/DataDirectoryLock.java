package br.com.recebiveishub.hub.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One hub per data directory: an exclusive lock on {@code <data-dir>/hub.lock}, held for the life of
 * the hub and released on {@link #close()} (or by the operating system when the process dies, so a
 * killed hub never leaves a stale lock). The file holds the pid of the holder for the message the
 * next hub shows. The file itself is never deleted: deleting a lock file lets two processes lock two
 * different files of the same name.
 */
final class DataDirectoryLock implements AutoCloseable {

    static final String FILE_NAME = "hub.lock";

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of {@code dataDir} (created if missing) and writes this process's pid into it.
     *
     * @throws IllegalStateException "another hub is running on data directory X (pid N)" when another
     *                               hub (another process, or another context of this JVM) holds it
     */
    static DataDirectoryLock acquire(Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        Path file = dir.resolve(FILE_NAME);
        FileChannel channel = null;
        try {
            Files.createDirectories(dir);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // held by this JVM already (another application context on the same directory)
            }
            if (lock == null) {
                throw new IllegalStateException("another hub is running on data directory " + dir + " (pid " + holder(file) + ")");
            }
            byte[] pid = (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII);
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(pid), 0);
            channel.force(true);
            DataDirectoryLock held = new DataDirectoryLock(file, channel, lock);
            channel = null;
            return held;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot lock the data directory " + dir, e);
        } finally {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // nothing was locked through this channel
                }
            }
        }
    }

    /** @return the pid written by the holder, or "unknown" */
    private static String holder(Path file) {
        try {
            String pid = Files.readString(file, StandardCharsets.US_ASCII).trim();
            return pid.matches("\\d{1,10}") ? pid : "unknown";
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** @return the lock file */
    Path file() {
        return file;
    }

    /** @return whether the lock is still held */
    boolean isHeld() {
        return lock.isValid();
    }

    /** Releases the lock; the pid stays in the file (harmless: only the lock says whether a hub runs). */
    @Override
    public void close() {
        try {
            if (lock.isValid()) {
                lock.release();
            }
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
