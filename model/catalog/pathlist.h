#pragma once

// Named lists of host paths in the catalog (docs/catalog-format.md#path-lists): the one place
// that says which host paths are sensitive, read by the rule language's mountsUnder() and by
// the importers' mount flags alike, so that the two cannot drift apart.

#include <nlohmann/json_fwd.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bulkhead {

/** One path of a list and why it matters. */
struct PathListEntry
{
    std::string path;
    std::string reason;
    /** Whether what lies below the path counts as the path itself ("/etc/ssh/keys" for
     *  "/etc/ssh"); false for a folder that is sensitive only as a whole ("/etc"). */
    bool below = true;
};

struct PathList
{
    std::string id;
    std::string description;
    std::vector<PathListEntry> entries;
};

/** Where a path meets a list: the entry it is or lies below, or the path itself as a parent. */
struct PathListMatch
{
    std::string location;
    std::string reason;
};

/**
 * An absolute path as the kernel resolves it: "//" and "/./" collapsed, "/../" resolved
 * lexically, no trailing "/" ("/etc/" is "/etc"). Relative paths come back unchanged.
 */
std::string normaliseAbsolutePath(std::string_view path);

/**
 * The first entry that `path` (normalised) is, or lies below when the entry says so; else, when
 * `path` is a parent of an entry ("/var" of "/var/lib/docker"), the path itself with the reason
 * "a parent of ENTRY — REASON"; else nothing. Relative paths match nothing.
 */
std::optional<PathListMatch> matchPathList(const PathList &list, std::string_view path);

/** A list from its catalog JSON ({id, description, paths: [{path, reason, below}]}); throws
 *  jsonfields::FormatError naming the place. */
PathList readPathList(const nlohmann::json &item, const std::string &at);

} // namespace bulkhead
