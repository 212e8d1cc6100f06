#pragma once

#include "core/result.h"

#include <cstdint>
#include <filesystem>
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

} // namespace bulkhead
