#pragma once

// The catalog's table of well-known images (the "images" section, docs/catalog-format.md):
// what an image is, what it listens on, and which of its defaults are insecure.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace bulkhead {

/** Who publishes an image under one repository name. */
enum class ImagePublisher {
    Official,  ///< a Docker Official Image, or the vendor's own registry
    Verified,  ///< a Docker Hub verified publisher (Bitnami, Grafana Labs…)
    Unverified ///< anyone's: the name alone vouches for nothing
};

struct ImageRepository
{
    /** As written in the catalog: "redis", "bitnami/redis", "docker.elastic.co/kibana/kibana". */
    std::string name;
    ImagePublisher publisher = ImagePublisher::Unverified;
};

struct AdminUi
{
    std::int64_t port = 0;
    std::string path;
    bool loginByDefault = true;
};

/**
 * Versions "from" (inclusive) "below" (exclusive); either may be empty (open). Dotted numbers:
 * "8.0", "2.12".
 */
struct VersionRange
{
    std::string from;
    std::string below;
    bool empty() const { return from.empty() && below.empty(); }
};

/**
 * A setting that holds when an environment variable is set (to a non-empty value, to `value`
 * ignoring case, or to text that `contains` something), or when a command-line argument is
 * `argument` or starts with `argument=`.
 */
struct ImageSetting
{
    std::string environment;
    std::string value;
    std::string contains;
    std::string argument;
};

struct ImagePort
{
    std::int64_t port = 0;
    /** A flow protocol ("http", "redis"…); "udp" marks a UDP port. */
    std::string protocol;
    /** For an encrypted protocol: settings that make the service speak it in plain text instead
     *  ("--insecure"), so what the files set decides, not the Service port's name. */
    std::vector<ImageSetting> plainBy;
};

/** A default of the image that leaves it open, with what turns it on and off. */
struct InsecureDefault
{
    std::string id;
    VersionRange versions;
    /** Properties it sets on the element, where the element's kind has them. */
    std::map<std::string, std::string> sets;
    /** Why, in words for the import report. */
    std::string reason;
    /** When not empty, the default holds only when one of these is set. */
    std::vector<ImageSetting> enabledBy;
    /** One of these turns it off. */
    std::vector<ImageSetting> disabledBy;
    /** Setting any of the image's admin-credential variables turns it off. */
    bool unlessAdminCredentialsSet = false;
};

/**
 * A setting that turns the image's security on ("--requirepass", "xpack.security.enabled=true"),
 * and the properties it then sets: the counterpart of an insecure default, so that a finding
 * asking whether the service authenticates is answered by what the files state.
 */
struct SecureSetting
{
    std::string id;
    /** Properties it sets on the element ("authRequired": "yes"). */
    std::map<std::string, std::string> sets;
    /** Why, in words for the import report. */
    std::string reason;
    /** Any one of these, present, turns it on; a variable whose value comes from a Secret or
     *  a ConfigMap counts as present when only its name is asked for. */
    std::vector<ImageSetting> setBy;
};

/** One entry of the table. */
struct WellKnownImage
{
    std::string id;
    std::vector<ImageRepository> repositories;
    /** The element kind the image's role is, and that kind's "product" value (may be empty). */
    std::string kind;
    std::string product;
    /** Other properties of the role: "role": "managementUI" for a dashboard. */
    std::map<std::string, std::string> properties;
    std::vector<ImagePort> ports;
    std::optional<AdminUi> adminUi;
    /** Environment variables that set the admin's credentials. */
    std::vector<std::string> adminCredentials;
    std::vector<InsecureDefault> insecureDefaults;
    /** Settings that make it secure; an insecure default that holds wins over them. */
    std::vector<SecureSetting> secureSettings;
    /** The catalog file it came from, for lint messages. */
    std::string sourceFile;
};

/** The plain protocol an encrypted one falls back to ("https" → "http"); nothing for others. */
std::optional<std::string> plainCounterpart(const std::string &protocol);

/** "7.17.9" → {7, 17, 9}; nothing unless the text is dotted numbers. */
std::optional<std::vector<long>> parseDottedVersion(const std::string &text);

/** The table: entries in load order, a later one replacing an earlier one with its id. */
class ImageTable
{
public:
    const std::vector<WellKnownImage> &entries() const { return m_entries; }
    const WellKnownImage *find(const std::string &id) const;
    void add(WellKnownImage image);

private:
    std::vector<WellKnownImage> m_entries;
};

} // namespace bulkhead
