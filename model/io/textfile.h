#pragma once

#include "core/result.h"
#include "io/filedescriptor.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

namespace bulkhead {

/** Larger files are refused up front: a real threat model is a few hundred kilobytes. */
inline constexpr std::uintmax_t maxTextFileBytes = 64u * 1024u * 1024u;

/** The whole file, or "PATH: reason" (missing, a directory, unreadable, too large). */
Result<std::string> readTextFile(const std::filesystem::path &path,
                                 std::uintmax_t maxBytes = maxTextFileBytes);

/** How a save treats what is already at the path it writes. */
struct SaveOptions
{
    /** Replace a regular file the user may not write (the CLI's --force); refused otherwise. */
    bool replaceReadOnly = false;
    /** Said after the read-only refusal, e.g. "give --force to replace it". */
    std::string readOnlyAdvice;
    /** Permission bits for the saved file instead of the replaced file's or the umask's. */
    std::optional<unsigned> permissions;
};

/**
 * Saves bytes to a path without ever destroying what should not be replaced:
 * - a regular file (or a new one) is written through a temporary file in the same directory,
 *   flushed to disk, then renamed over the target, so a crash or full disk leaves either the
 *   old file or the new one, never half; the new file keeps the old one's permissions and owner;
 * - a symbolic link is kept: its final target is written, or created when the link dangles;
 * - a character device (/dev/null, a terminal) is written directly, never renamed over;
 * - a pipe or socket that is this process's standard output (-o /dev/stdout in a pipeline) is
 *   written through it, like output without -o;
 * - directories, FIFOs, sockets and block devices are refused, and so is a read-only file
 *   unless SaveOptions::replaceReadOnly.
 * Every error is one line naming the path as given.
 */
Status writeFileAtomically(const std::filesystem::path &path, std::string_view bytes,
                           const SaveOptions &options = {});

/**
 * The streaming form of writeFileAtomically: write to stream(), then commit(). Until commit
 * succeeds a replaced file is untouched (a device, though, gets the bytes as they come);
 * destroying an uncommitted writer removes its temporary file. The target is checked when the writer is made, and again just before the
 * rename, so a target swapped for a FIFO or device meanwhile is still refused.
 */
class AtomicFileWriter
{
public:
    explicit AtomicFileWriter(const std::filesystem::path &path, SaveOptions options = {});
    ~AtomicFileWriter();
    AtomicFileWriter(const AtomicFileWriter &) = delete;
    AtomicFileWriter &operator=(const AtomicFileWriter &) = delete;

    /** False when the target is refused or cannot be opened; commit() then says why. */
    bool ok() const { return m_error.empty(); }
    std::ostream &stream() { return m_stream; }
    /** Flushes to disk and renames over the target (or flushes and closes a device). */
    Status commit();

private:
    /** How the bytes reach the target. */
    enum class Method { Replace, WriteDirectly };

    Status openStandardOutput();
    Status openDevice();
    /** The temporary file next to the target that commit() renames over it. */
    Status createTemporary();
    /** Closes the descriptor and removes the temporary file. */
    void discard();
    /** Gives up with this message, which commit() returns. */
    void refuse(const std::string &message);
    /** Gives up with "PATH: what: reason". */
    Status fail(const std::string &what, int error);
    Status commitDirect();
    Status commitReplace();
    /** The target's state just before the rename: still absent, or still a file we may replace. */
    Status checkUnchanged(bool &targetExists) const;

    std::filesystem::path m_requested;
    std::filesystem::path m_target;
    SaveOptions m_options;
    Method m_method = Method::Replace;
    std::optional<unsigned> m_existingMode;
    unsigned m_existingUid = 0;
    unsigned m_existingGid = 0;
    std::string m_temporary;
    FileDescriptor m_fd;
    FileDescriptorBuffer m_buffer;
    std::ostream m_stream{nullptr};
    std::string m_error;
    bool m_done = false;
};

} // namespace bulkhead
