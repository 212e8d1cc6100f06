#include "catalog/pathlist.h"

#include "core/displaytext.h"
#include "io/jsonfields.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace bulkhead {

namespace {

/** True when `path` lies below `folder`: "/etc/ssh" below "/etc", but not "/etcetera". */
bool liesBelow(std::string_view path, std::string_view folder)
{
    if (folder == "/")
        return path.size() > 1 && path.front() == '/';
    return path.size() > folder.size() && path.starts_with(folder) && path[folder.size()] == '/';
}

} // namespace

std::string normaliseAbsolutePath(std::string_view path)
{
    if (path.empty() || path.front() != '/')
        return std::string(path);
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    while (start <= path.size()) {
        const std::size_t slash = std::min(path.find('/', start), path.size());
        const std::string_view part = path.substr(start, slash - start);
        if (part == "..") {
            if (!parts.empty())
                parts.pop_back();
        } else if (!part.empty() && part != ".") {
            parts.push_back(part);
        }
        start = slash + 1;
    }
    std::string normal;
    for (const std::string_view part : parts)
        normal += "/" + std::string(part);
    return normal.empty() ? "/" : normal;
}

std::optional<PathListMatch> matchPathList(const PathList &list, std::string_view path)
{
    const std::string p = normaliseAbsolutePath(path);
    if (p.empty() || p.front() != '/')
        return std::nullopt;
    const auto &entries = list.entries;
    const auto own = std::find_if(entries.begin(), entries.end(), [&](const PathListEntry &e) {
        return p == e.path || (e.below && liesBelow(p, e.path));
    });
    if (own != entries.end())
        return PathListMatch{own->path, own->reason};
    // A parent holds what is sensitive below it: /var holds /var/lib/docker.
    const auto child = std::find_if(entries.begin(), entries.end(),
                                    [&](const PathListEntry &e) { return liesBelow(e.path, p); });
    if (child != entries.end())
        return PathListMatch{p, "a parent of " + child->path + " — " + child->reason};
    return std::nullopt;
}

PathList readPathList(const nlohmann::json &item, const std::string &at)
{
    using namespace jsonfields;
    expectObject(item, at);
    rejectUnknownKeys(item, {"id", "description", "paths"}, at);
    PathList list;
    list.id = stringValue(required(item, "id", at), child(at, "id"));
    if (const auto it = item.find("description"); it != item.end())
        list.description = stringValue(*it, child(at, "description"));
    const std::string pathsAt = child(at, "paths");
    const nlohmann::json &paths = required(item, "paths", at);
    expectArray(paths, pathsAt);
    for (std::size_t i = 0; i < paths.size(); ++i) {
        const std::string entryAt = child(pathsAt, i);
        expectObject(paths[i], entryAt);
        rejectUnknownKeys(paths[i], {"path", "reason", "below"}, entryAt);
        PathListEntry entry;
        entry.path = stringValue(required(paths[i], "path", entryAt), child(entryAt, "path"));
        if (entry.path.empty() || entry.path.front() != '/'
            || normaliseAbsolutePath(entry.path) != entry.path)
            throw FormatError{child(entryAt, "path"),
                              "a path list holds absolute paths in normal form, not "
                                  + displayQuoted(entry.path)};
        entry.reason = stringValue(required(paths[i], "reason", entryAt), child(entryAt, "reason"));
        if (const auto below = paths[i].find("below"); below != paths[i].end())
            entry.below = boolValue(*below, child(entryAt, "below"));
        list.entries.push_back(std::move(entry));
    }
    return list;
}

} // namespace bulkhead
