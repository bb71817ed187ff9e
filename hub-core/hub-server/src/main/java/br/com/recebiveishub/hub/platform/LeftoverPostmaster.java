package br.com.recebiveishub.hub.platform;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * What to do with a {@code postmaster.pid} found in the data directory at start-up. Only called
 * while this hub holds the data directory lock ({@link DataDirectoryLock}): no other hub can be using
 * the directory, so a live PostgreSQL of this directory is an orphan of a killed hub. A pid file
 * survives a reboot, though, and its pid may then name any process: it is stopped only when it runs
 * the PostgreSQL binary this hub unpacked for this data directory, never on the pid alone.
 */
final class LeftoverPostmaster {

    enum Action {
        /** No pid file: nothing to do. */
        NONE,
        /** The pid is dead, unreadable or names another program: the file is stale, delete it. */
        DELETE_PID_FILE,
        /** The pid runs this directory's PostgreSQL binary: stop it, then delete the file. */
        STOP_POSTMASTER
    }

    /** The decision and the pid it concerns (0 when unreadable). */
    record Decision(Action action, long pid, String reason) {
    }

    private LeftoverPostmaster() {
    }

    /**
     * @param pidFile         the lines of postmaster.pid, or null when there is none
     * @param binariesDir     where the hub's PostgreSQL binaries are unpacked (zonky's working directory)
     * @param ownPid          this process's pid
     * @param liveCommand     the executable of a live process by pid; empty when no such process is alive
     *                        or its executable cannot be read
     */
    static Decision decide(List<String> pidFile, Path binariesDir, long ownPid, LongFunction<Optional<String>> liveCommand) {
        if (pidFile == null) {
            return new Decision(Action.NONE, 0, "no postmaster.pid");
        }
        String first = pidFile.isEmpty() ? "" : pidFile.get(0).trim();
        long pid;
        try {
            pid = Long.parseLong(first);
        } catch (NumberFormatException e) {
            return new Decision(Action.DELETE_PID_FILE, 0, "unreadable pid");
        }
        if (pid <= 0 || pid == ownPid) {
            return new Decision(Action.DELETE_PID_FILE, pid, "not a postmaster's pid");
        }
        Optional<String> command = liveCommand.apply(pid);
        if (command.isEmpty()) {
            return new Decision(Action.DELETE_PID_FILE, pid, "no live process with a readable command has this pid");
        }
        if (!isPostgresBinaryUnder(command.get(), binariesDir)) {
            return new Decision(Action.DELETE_PID_FILE, pid, "the pid now runs " + command.get() + ", not this directory's PostgreSQL");
        }
        return new Decision(Action.STOP_POSTMASTER, pid, "orphan PostgreSQL of this data directory");
    }

    /** @return whether {@code command} is a postgres (or postmaster) executable inside {@code binariesDir} */
    static boolean isPostgresBinaryUnder(String command, Path binariesDir) {
        String path = command.endsWith(" (deleted)") ? command.substring(0, command.length() - 10) : command;
        Path exe;
        try {
            exe = Path.of(path).toAbsolutePath().normalize();
        } catch (RuntimeException e) {
            return false;
        }
        Path name = exe.getFileName();
        if (name == null || !List.of("postgres", "postmaster", "postgres.exe").contains(name.toString())) {
            return false;
        }
        return exe.startsWith(binariesDir.toAbsolutePath().normalize());
    }

    /** @return the executable of a live process, as the operating system reports it */
    static Optional<String> liveCommandOf(long pid) {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).flatMap(p -> p.info().command());
    }
}
