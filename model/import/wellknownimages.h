#pragma once

// Looking images up in the catalog's table of well-known images, and what the table says about
// one deployed service: its insecure defaults, judged from its tag, environment and command.

#include "catalog/imagetable.h"
#include "core/propertyvalue.h"
#include "import/environmentvariable.h"

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace bulkhead {

class Catalog;

/** The table entry an image reference names, and who publishes it under that name. */
struct ImageMatch
{
    const WellKnownImage *image = nullptr;
    /** Unverified unless the reference names one of the entry's repositories exactly. */
    ImagePublisher publisher = ImagePublisher::Unverified;
};

/**
 * The entry for an image reference. Registry prefixes that name Docker Hub ("docker.io/",
 * "docker.io/library/"), tags and digests are ignored. A repository the table lists exactly
 * gives its publisher; a name found only as the last part of the path ("mirror.example/redis")
 * gives the entry's role, unverified.
 */
std::optional<ImageMatch> findWellKnownImage(const ImageTable &table, std::string_view image);

/** The tag of a reference ("7.17.9" for "elasticsearch:7.17.9@sha256:…"), or "" without one. */
std::string imageTag(std::string_view image);

enum class InRange { Yes, No, Unknown };

/**
 * Whether every version a tag can name lies in the range: "7.17.9" and "7" are below 8.0,
 * "16-alpine" is from 9.0, "8" is Unknown against "below 8.1", and so are "latest", "alpine",
 * no tag at all and tags that are not versions.
 */
InRange tagInRange(std::string_view tag, const VersionRange &range);

/**
 * What a service's configuration shows, held in memory only: environment values are compared,
 * never copied into the facts.
 */
struct ServiceConfiguration
{
    std::string image;
    /** As the importer read them; for a name set twice, the first with a value counts (Compose:
     *  the environment key before env_file). */
    std::vector<EnvironmentVariable> environment;
    /** False when variables come from somewhere not read (an env_file, the runtime, a Secret):
     *  they may turn a default off, so such a default is reported to check, not set. */
    bool environmentComplete = true;
    std::vector<std::string> arguments;
    /** Variables set to a value the import cannot read (a Secret, a ConfigMap, the runtime
     *  environment): set, but not to anything the judgement can compare. */
    std::set<std::string> namesWithoutValue;
    /** The service's entrypoint (Kubernetes `command`), or a Compose command that is more than
     *  flags, replaces the image's own program: a worker or script of the same image serves no
     *  install wizard, so a default that only the image's program serves does not hold. */
    bool programReplaced = false;
};

/** One conclusion from the table, for the model and the import report. */
struct ImageFact
{
    /** The property to set and its value; empty for a note about an unknown version. */
    std::map<std::string, std::string> sets;
    /** "elasticsearch:7.17.9: security is off by default before 8.0 and …". */
    std::string text;
    /** A note's properties it leaves open (it could not judge whether they are set). */
    std::vector<std::string> leftOpen;
};

/** The insecure defaults of `image` that hold for this service, and those it cannot judge. */
std::vector<ImageFact> insecureDefaultFacts(const WellKnownImage &image,
                                            const ServiceConfiguration &service,
                                            std::string_view shownImage);

/**
 * What the table says about one service: its secure settings that are turned on and the
 * insecure defaults that hold or cannot be judged (insecureDefaultFacts()). A secure setting
 * is left out when an insecure default that sets the same property holds or cannot be judged,
 * so "authRequired yes" comes only from what the files state.
 */
std::vector<ImageFact> imageDefaultFacts(const WellKnownImage &image,
                                         const ServiceConfiguration &service,
                                         std::string_view shownImage);

/** What the table says a service speaks on one of its ports, and why, for the import report. */
struct ServedProtocol
{
    /** A flow protocol; empty when a setting that would turn TLS off cannot be read. */
    std::string protocol;
    std::string text;
};

/**
 * The protocol the table lists for `port`, or its plain counterpart when a `plainBy` setting of
 * the port is on. Nothing when the table lists no such port or gives it no `plainBy`: the port
 * name keeps deciding. A `plainBy` variable whose value the import cannot read leaves the
 * protocol empty, and the text says so.
 */
std::optional<ServedProtocol> servedProtocol(const WellKnownImage &image, std::int64_t port,
                                             const ServiceConfiguration &service,
                                             std::string_view shownImage);

/** Whether elements of kind `kind` have the property `name` (their own or a common one). */
bool kindHasProperty(const Catalog &catalog, const std::string &kind, const std::string &name);

/**
 * Sets what `facts` conclude on an element of kind `kind`, only the properties the kind has;
 * returns the report lines, one per fact, saying whether the model holds it.
 */
std::vector<std::string> applyImageFacts(const std::vector<ImageFact> &facts,
                                         const Catalog &catalog, const std::string &kind,
                                         PropertyMap &properties);

} // namespace bulkhead
