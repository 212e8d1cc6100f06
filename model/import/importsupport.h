#pragma once

#include "core/propertyvalue.h"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace bulkhead {

class ThreatModel;

/**
 * Whether an environment variable's name says it holds a secret (DB_PASSWORD, API_TOKEN,
 * AWS_SECRET_ACCESS_KEY, …). Names that point at a file (…_FILE, …_PATH) do not: the secret
 * is then in the file, which is how it should be handed over.
 */
bool looksSecret(std::string_view name);

/**
 * An absolute host path as the kernel resolves it: "//" and "/./" collapsed, "/../" resolved
 * lexically, no trailing "/" ("/etc/" is "/etc"). Relative paths come back unchanged.
 */
std::string normaliseHostPath(std::string_view path);

/**
 * Why a host path is dangerous to mount into a container, or nothing when it is not. The path
 * is normalised first; a parent of a sensitive path (/var, /var/lib) is as dangerous as it.
 */
std::optional<std::string> sensitiveHostPath(std::string_view path);

/**
 * The well-known location a sensitive host path lies in — "/etc" for "/etc/ssh/keys",
 * "/var/run/docker.sock" for any Docker socket, a parent such as "/var" itself — or nothing when
 * the path is not sensitive. Recorded in place of a path whose own text may not be shown (one
 * that came from a variable), so that the threats it brings are still found.
 */
std::optional<std::string> sensitiveHostLocation(std::string_view path);

/**
 * What a host device gives a container that has it, when that is more than the device itself:
 * raw disks, memory, the kernel log, CPU registers, every device. Nothing for the others
 * (/dev/fuse, /dev/net/tun, GPUs, serial ports…).
 */
std::optional<std::string> sensitiveDevice(std::string_view path);

class ImageTable;
struct WellKnownImage;

/** What a well-known image is: the element kind it becomes and the kind's product value. */
struct ImageRole
{
    std::string kind;
    std::string product; ///< empty for a kind without one
    /** The catalog's entry: ports, admin UI, insecure defaults. */
    const WellKnownImage *image = nullptr;
};

/**
 * The role of an image by the catalog's table of well-known images (catalogs/images.json and
 * user catalogs): the one lookup every importer and the editor use.
 */
std::optional<ImageRole> wellKnownImage(std::string_view image, const ImageTable &table);

/**
 * Sets image.ref, image.pinnedByDigest, image.source, image.publisherVerified and
 * image.lookAlikeName from an image reference; official and verified publishers come from the
 * table.
 */
void setImageProperties(PropertyMap &properties, std::string_view image, bool builtLocally,
                        const ImageTable &table);

/** Ids for imported objects: lower-case, [a-z0-9-], unique within the model being built. */
class IdAllocator
{
public:
    std::string make(std::string_view name);

private:
    std::set<std::string> m_used;
    /** The next suffix to try per base, so that thousands of ids with one base stay linear. */
    std::map<std::string, int> m_nextSuffix;
};

/** "yes"/"no" as the model stores tri-state properties. */
inline std::string tri(bool value)
{
    return value ? "yes" : "no";
}

/** Adds a value to a string-list property, keeping entries unique and in first-seen order. */
void appendUnique(PropertyMap &properties, const std::string &name, const std::string &value);

/** Adds `text` as a line to the element's or boundary's notes. */
void appendNote(PropertyMap &properties, const std::string &text);

/** ASCII lower case ("TCP" → "tcp"); other bytes unchanged. */
std::string lower(std::string text);

/** The items with `separator` between them: "a, b, c". */
std::string joined(const std::vector<std::string> &items, std::string_view separator = ", ");

/** The file name of each path, in order ("k8s/web.yaml" → "web.yaml"), for titles and notes. */
std::vector<std::string> fileNames(const std::vector<std::string> &paths);

} // namespace bulkhead
