#pragma once

#include <QString>

namespace bulkhead::test {

/** What a save must never rename over, turn into a regular file, or block on. */
enum class SpecialFile { Fifo, Socket, Directory, BlockDevice };

/**
 * Makes one at `path`. Returns an empty string, or why it cannot be made here (a block device
 * node needs root's CAP_MKNOD), for QSKIP.
 */
QString makeSpecialFile(SpecialFile kind, const QString &path);

/** "a named pipe (FIFO)" and so on, as the writer's messages say it. */
QString describeSpecialFile(SpecialFile kind);

/**
 * A character device that behaves like /dev/null (or /dev/full when `full`). As root, a node of
 * its own in `directory`, so that a regressed save renames over that node and never over the
 * system's; otherwise the system's device, which an unprivileged save could not replace.
 */
QString characterDevice(const QString &directory, bool full);

/** The file type bits of `path` itself (lstat; S_IFIFO, S_IFCHR…), or 0 when it is missing. */
unsigned fileType(const QString &path);

/** The permission bits of `path` (stat), or ~0u when it is missing. */
unsigned permissions(const QString &path);

} // namespace bulkhead::test
