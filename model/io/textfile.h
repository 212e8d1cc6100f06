#pragma once

#include "core/result.h"

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

namespace bulkhead {

/** Larger files are refused up front: a real threat model is a few hundred kilobytes. */
inline constexpr std::uintmax_t maxTextFileBytes = 64u * 1024u * 1024u;

/** The whole file, or "PATH: reason" (missing, a directory, unreadable, too large). */
Result<std::string> readTextFile(const std::filesystem::path &path,
                                 std::uintmax_t maxBytes = maxTextFileBytes);

/**
 * Writes through a temporary file in the same directory, flushed to disk, then renamed over
 * the target, so a crash or full disk leaves either the old file or the new one, never half.
 * An existing target keeps its permissions.
 */
Status writeFileAtomically(const std::filesystem::path &path, std::string_view bytes);

/**
 * The streaming form of writeFileAtomically: write to stream(), then commit(). Until commit
 * succeeds the target is untouched; destroying an uncommitted writer removes its temporary file.
 */
class AtomicFileWriter
{
public:
    explicit AtomicFileWriter(const std::filesystem::path &path);
    ~AtomicFileWriter();
    AtomicFileWriter(const AtomicFileWriter &) = delete;
    AtomicFileWriter &operator=(const AtomicFileWriter &) = delete;

    /** False when the temporary file could not be created; commit() then says why. */
    bool ok() const { return m_error.empty(); }
    std::ostream &stream() { return m_stream; }
    /** Flushes to disk and renames over the target; the error names the target file. */
    Status commit();

private:
    Status fail(const std::string &what, int error);

    std::filesystem::path m_target;
    std::filesystem::path m_directory;
    std::string m_temporary;
    std::ofstream m_stream;
    std::string m_error;
    bool m_done = false;
};

} // namespace bulkhead
