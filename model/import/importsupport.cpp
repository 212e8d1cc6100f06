#include "importsupport.h"

#include "imageprovenance.h"
#include "imagepublishers.h"
#include "wellknownimages.h"

#include "catalog/catalog.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <filesystem>
#include <vector>

namespace bulkhead {

namespace {

std::string upper(std::string_view text)
{
    std::string result(text);
    for (char &c : result)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return result;
}

bool endsWith(std::string_view text, std::string_view suffix)
{
    return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

} // namespace

bool looksSecret(std::string_view name)
{
    const std::string n = upper(name);
    if (endsWith(n, "_FILE") || endsWith(n, "_PATH") || endsWith(n, "_DIR"))
        return false;
    static constexpr std::array markers{"PASSWORD",   "PASSWD",     "PASSPHRASE", "SECRET",
                                        "TOKEN",      "API_KEY",    "APIKEY",     "PRIVATE_KEY",
                                        "ACCESS_KEY", "CREDENTIAL", "AUTH_KEY"};
    for (const char *marker : markers)
        if (n.find(marker) != std::string::npos)
            return true;
    // A bare "…_PWD" or "…_PASS" word, not PWD the working directory.
    return endsWith(n, "_PWD") || endsWith(n, "_PASS") || n == "PASS";
}

std::string normaliseHostPath(std::string_view path)
{
    return normaliseAbsolutePath(path);
}

namespace {

/** A sensitive host path: the well-known location it lies in, and why that is dangerous. */
struct SensitivePath
{
    std::string location;
    std::string why;
};

/** A well-known device path (or the start of one) and why access to it is dangerous. */
struct KnownPath
{
    std::string_view path;
    std::string_view why;
};

/** The first entry of `table` that `matches`, or nothing. */
template<std::size_t N, typename Matches>
std::optional<KnownPath> firstKnown(const std::array<KnownPath, N> &table, Matches matches)
{
    const auto found = std::find_if(table.begin(), table.end(), matches);
    return found == table.end() ? std::nullopt : std::optional<KnownPath>(*found);
}

std::optional<SensitivePath> classifyHostPath(std::string_view path)
{
    const std::string p = normaliseHostPath(path);
    // A runtime's socket is recognised by its file name wherever it is mounted from.
    static constexpr std::array<std::string_view, 4> sockets{
        "/var/run/docker.sock",
        "/run/containerd/containerd.sock",
        "/var/run/crio/crio.sock",
        "/run/podman/podman.sock",
    };
    for (const std::string_view socket : sockets)
        if (p.find(socket.substr(socket.rfind('/') + 1)) != std::string::npos)
            return SensitivePath{std::string(socket),
                                 "the container runtime's socket: whoever can write to it controls "
                                 "every container and the host"};
    // The paths and their reasons are the catalog's list, the one RUN-06 tests with mountsUnder().
    static const PathList *const sensitive = builtInCatalog().findPathList("sensitive-host-paths");
    if (sensitive)
        if (auto match = matchPathList(*sensitive, p))
            return SensitivePath{std::move(match->location), std::move(match->reason)};
    return std::nullopt;
}

} // namespace

std::optional<std::string> sensitiveHostPath(std::string_view path)
{
    if (auto sensitive = classifyHostPath(path))
        return std::move(sensitive->why);
    return std::nullopt;
}

std::optional<std::string> sensitiveHostLocation(std::string_view path)
{
    if (auto sensitive = classifyHostPath(path))
        return std::move(sensitive->location);
    return std::nullopt;
}

std::optional<std::string> sensitiveDevice(std::string_view path)
{
    const std::string p = normaliseHostPath(path);
    if (p == "/dev")
        return "every host device";
    // Raw access to these reads or rewrites the host whatever the container's other limits.
    static constexpr std::array known{
        KnownPath{"/dev/mem", "the host's physical memory"},
        KnownPath{"/dev/kmem", "the kernel's memory"},
        KnownPath{"/dev/port", "the host's I/O ports"},
        KnownPath{"/dev/kmsg", "the kernel log"},
        KnownPath{"/dev/cpu", "the CPUs' model-specific registers"},
        KnownPath{"/dev/disk", "a host disk"},
        KnownPath{"/dev/mapper", "a host disk"},
        KnownPath{"/dev/sd", "a host disk"},
        KnownPath{"/dev/hd", "a host disk"},
        KnownPath{"/dev/vd", "a host disk"},
        KnownPath{"/dev/xvd", "a host disk"},
        KnownPath{"/dev/nvme", "a host disk"},
        KnownPath{"/dev/mmcblk", "a host disk"},
        KnownPath{"/dev/dm-", "a host disk"},
        KnownPath{"/dev/md", "a host disk"},
        KnownPath{"/dev/loop", "a host disk image"},
    };
    if (const auto k = firstKnown(
            known, [&](const KnownPath &entry) { return p.starts_with(entry.path); }))
        return std::string(k->why);
    return std::nullopt;
}

std::optional<ImageRole> wellKnownImage(std::string_view image, const ImageTable &table)
{
    const auto match = findWellKnownImage(table, image);
    if (!match)
        return std::nullopt;
    return ImageRole{match->image->kind, match->image->product, match->image};
}

void setImageProperties(PropertyMap &properties, std::string_view image, bool builtLocally,
                        const ImageTable &table)
{
    properties["image.ref"] = std::string(image);
    properties["image.pinnedByDigest"] = tri(image.find("@sha256:") != std::string_view::npos);
    const ImageName name = parseImageName(image);
    std::string source = "unknown"; // a private or multi-tenant registry: whose is not known
    if (builtLocally)
        source = "internalBuilt";
    else if (name.registry.empty())
        source = name.path.starts_with("library/") ? "officialPublic" : "publicUnverified";
    else if (isPublisherRegistry(name.registry))
        source = "officialPublic";
    const auto match = builtLocally ? std::nullopt : findWellKnownImage(table, image);
    if (!builtLocally
        && ((match && match->publisher != ImagePublisher::Unverified)
            || isPublisherOrganisation(name))) {
        source = "officialPublic";
        properties["image.publisherVerified"] = std::string("yes");
    }
    properties["image.source"] = source;
    properties["image.lookAlikeName"] = tri(!builtLocally && isLookAlikeImage(name, table));
    if (match && match->image->kind == "ingress")
        properties["entryPoint"] = true;
}

std::string IdAllocator::make(std::string_view name)
{
    std::string base;
    for (const char c : name) {
        const auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u))
            base += static_cast<char>(std::tolower(u));
        else if (!base.empty() && base.back() != '-')
            base += '-';
    }
    while (!base.empty() && base.back() == '-')
        base.pop_back();
    if (base.empty())
        base = "item";
    std::string id = base;
    int &next = m_nextSuffix.try_emplace(base, 2).first->second;
    while (m_used.count(id))
        id = base + "-" + std::to_string(next++);
    m_used.insert(id);
    return id;
}

void appendUnique(PropertyMap &properties, const std::string &name, const std::string &value)
{
    auto it = properties.find(name);
    if (it == properties.end() || !std::holds_alternative<StringList>(it->second))
        it = properties.insert_or_assign(name, StringList{}).first;
    auto &list = std::get<StringList>(it->second);
    if (std::find(list.begin(), list.end(), value) == list.end())
        list.push_back(value);
}

void appendNote(PropertyMap &properties, const std::string &text)
{
    auto it = properties.find("notes");
    if (it == properties.end() || !std::holds_alternative<std::string>(it->second)) {
        properties["notes"] = text;
        return;
    }
    auto &notes = std::get<std::string>(it->second);
    notes += notes.empty() ? text : "\n" + text;
}

std::string lower(std::string text)
{
    for (char &c : text)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

std::string joined(const std::vector<std::string> &items, std::string_view separator)
{
    std::string text;
    for (const std::string &item : items) {
        if (!text.empty())
            text += separator;
        text += item;
    }
    return text;
}

std::vector<std::string> fileNames(const std::vector<std::string> &paths)
{
    std::vector<std::string> names;
    names.reserve(paths.size());
    for (const std::string &path : paths)
        names.push_back(std::filesystem::path(path).filename().string());
    return names;
}

} // namespace bulkhead
