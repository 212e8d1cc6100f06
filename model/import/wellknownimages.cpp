#include "wellknownimages.h"

#include "catalog/catalog.h"
#include "imageprovenance.h"
#include "importsupport.h"

#include <algorithm>
#include <iterator>
#include <sstream>

namespace bulkhead {

namespace {

bool sameRepository(const ImageName &a, const ImageName &b)
{
    return a.registry == b.registry && a.path == b.path;
}

/** Whether one word of a command line is the argument `flag` or `flag=value`. */
bool isArgument(std::string_view word, const std::string &flag)
{
    return word == flag
           || (word.starts_with(flag) && word.size() > flag.size() && word[flag.size()] == '=');
}

/**
 * Whether a setting holds in the service's configuration. An argument counts as a word of any
 * argument too, so that "sh -c 'exec redis-server --requirepass …'" is read. With
 * `namesWithoutValue`, a variable whose value the import cannot read counts as set when the
 * setting asks only for its name.
 */
bool holds(const ImageSetting &setting, const ServiceConfiguration &service,
           bool namesWithoutValue = false)
{
    if (!setting.argument.empty()) {
        return std::any_of(service.arguments.begin(), service.arguments.end(),
                           [&](const std::string &argument) {
                               if (isArgument(argument, setting.argument))
                                   return true;
                               std::istringstream words(argument);
                               for (std::string word; words >> word;) {
                                   if (isArgument(word, setting.argument))
                                       return true;
                               }
                               return false;
                           });
    }
    if (namesWithoutValue && setting.value.empty() && setting.contains.empty()
        && service.namesWithoutValue.count(setting.environment))
        return true;
    const auto it = std::find_if(service.environment.begin(), service.environment.end(),
                                 [&](const EnvironmentVariable &variable) {
                                     return variable.value && variable.name == setting.environment;
                                 });
    if (it == service.environment.end() || it->value->empty())
        return false;
    if (!setting.value.empty())
        return lower(*it->value) == lower(setting.value);
    if (!setting.contains.empty())
        return it->value->find(setting.contains) != std::string::npos;
    return true;
}

/** A setting as the import report shows it: "--insecure", "ARGOCD_SERVER_INSECURE=true". */
std::string settingText(const ImageSetting &setting)
{
    if (!setting.argument.empty())
        return setting.argument;
    if (!setting.value.empty())
        return setting.environment + "=" + setting.value;
    if (!setting.contains.empty())
        return setting.environment + " containing " + setting.contains;
    return setting.environment;
}

std::vector<std::string> propertyNames(const std::map<std::string, std::string> &sets)
{
    std::vector<std::string> names;
    names.reserve(sets.size());
    for (const auto &[name, value] : sets)
        names.push_back(name);
    return names;
}

std::string describeRange(const VersionRange &range)
{
    if (range.from.empty())
        return "before " + range.below;
    if (range.below.empty())
        return "from " + range.from;
    return "from " + range.from + " before " + range.below;
}

/** -1, 0 or 1 comparing the tag's parts with as many parts of the bound. */
int comparePrefix(const std::vector<long> &tag, const std::vector<long> &bound)
{
    for (std::size_t i = 0; i < tag.size(); ++i) {
        const long b = i < bound.size() ? bound[i] : 0;
        if (tag[i] != b)
            return tag[i] < b ? -1 : 1;
    }
    return 0;
}

/** Whether the bound's parts past the tag's are all zero: "8" then covers 8.0 exactly. */
bool restIsZero(const std::vector<long> &tag, const std::vector<long> &bound)
{
    return std::all_of(bound.begin() + std::ptrdiff_t(std::min(tag.size(), bound.size())),
                       bound.end(), [](long part) { return part == 0; });
}

} // namespace

std::optional<ImageMatch> findWellKnownImage(const ImageTable &table, std::string_view image)
{
    const ImageName name = parseImageName(image);
    for (const WellKnownImage &entry : table.entries())
        for (const ImageRepository &repository : entry.repositories)
            if (sameRepository(parseImageName(repository.name), name))
                return ImageMatch{&entry, repository.publisher};
    // A mirror, a private registry or another namespace holding a Docker Hub name such as
    // "redis": the role, not the publisher. Only single names count: "controller" or "server"
    // at the end of a vendor's path says nothing on its own.
    for (const WellKnownImage &entry : table.entries())
        for (const ImageRepository &repository : entry.repositories)
            if (const ImageName known = parseImageName(repository.name);
                known.registry.empty() && known.path == "library/" + known.repository
                && known.repository == name.repository)
                return ImageMatch{&entry, ImagePublisher::Unverified};
    return std::nullopt;
}

std::string imageTag(std::string_view image)
{
    if (const auto at = image.find('@'); at != std::string_view::npos)
        image = image.substr(0, at);
    const auto slash = image.rfind('/');
    const auto colon = image.rfind(':');
    if (colon == std::string_view::npos || (slash != std::string_view::npos && colon < slash))
        return {};
    return std::string(image.substr(colon + 1));
}

InRange tagInRange(std::string_view tag, const VersionRange &range)
{
    // "v2.10.4", "16-alpine", "8.11.1-debian-12-r0": the leading dotted number is the version.
    std::string text(tag);
    if (!text.empty() && (text.front() == 'v' || text.front() == 'V'))
        text.erase(0, 1);
    const auto end = text.find_first_not_of("0123456789.");
    text = text.substr(0, end);
    while (!text.empty() && text.back() == '.')
        text.pop_back();
    const auto version = parseDottedVersion(text);
    if (!version)
        return InRange::Unknown;
    bool unknown = false;
    const auto from = parseDottedVersion(range.from);
    const auto below = parseDottedVersion(range.below);
    if ((!range.from.empty() && !from) || (!range.below.empty() && !below))
        return InRange::Unknown; // the catalog checks ranges; one built in code may be wrong
    if (from) {
        const int order = comparePrefix(*version, *from);
        if (order < 0)
            return InRange::No;
        if (order == 0 && !restIsZero(*version, *from))
            unknown = true;
    }
    if (below) {
        const int order = comparePrefix(*version, *below);
        if (order > 0 || (order == 0 && restIsZero(*version, *below)))
            return InRange::No;
        if (order == 0)
            unknown = true;
    }
    return unknown ? InRange::Unknown : InRange::Yes;
}

std::vector<ImageFact> insecureDefaultFacts(const WellKnownImage &image,
                                            const ServiceConfiguration &service,
                                            std::string_view shownImage)
{
    std::vector<ImageFact> facts;
    const std::string tag = imageTag(service.image);
    const std::string prefix = std::string(shownImage) + ": ";
    for (const InsecureDefault &entry : image.insecureDefaults) {
        if (service.programReplaced && entry.sets.count("firstRunTakeover")) {
            facts.push_back(ImageFact{{},
                                      prefix + entry.reason
                                          + "; but the entrypoint or command replaces the image's "
                                            "program, so this container serves no install wizard",
                                      {}});
            continue;
        }
        if (!entry.enabledBy.empty()
            && std::none_of(entry.enabledBy.begin(), entry.enabledBy.end(),
                            [&](const ImageSetting &setting) { return holds(setting, service); }))
            continue;
        if (std::any_of(entry.disabledBy.begin(), entry.disabledBy.end(),
                        [&](const ImageSetting &setting) { return holds(setting, service); }))
            continue;
        // An admin credential set from a Secret is set, whatever its value.
        if (entry.unlessAdminCredentialsSet
            && std::any_of(image.adminCredentials.begin(), image.adminCredentials.end(),
                           [&](const std::string &variable) {
                               return holds(ImageSetting{variable, {}, {}, {}}, service, true);
                           }))
            continue;
        const bool environmentCanTurnOff = entry.unlessAdminCredentialsSet
                                           || std::any_of(entry.disabledBy.begin(),
                                                          entry.disabledBy.end(),
                                                          [](const ImageSetting &setting) {
                                                              return !setting.environment.empty();
                                                          });
        if (!service.environmentComplete && environmentCanTurnOff) {
            facts.push_back(ImageFact{{},
                                      prefix + entry.reason
                                          + ", unless a variable from an env_file turns it off; "
                                            "check it",
                                      propertyNames(entry.sets)});
            continue;
        }
        if (!entry.versions.empty()) {
            const InRange inRange = tagInRange(tag, entry.versions);
            if (inRange == InRange::No)
                continue;
            if (inRange == InRange::Unknown) {
                facts.push_back(
                    ImageFact{{},
                              prefix + "the version is unknown (tag " + (tag.empty() ? "none" : tag)
                                  + "), so it is not assumed to be " + describeRange(entry.versions)
                                  + ", where " + entry.reason + "; check it",
                              propertyNames(entry.sets)});
                continue;
            }
        }
        facts.push_back(ImageFact{entry.sets, prefix + entry.reason, {}});
    }
    return facts;
}

std::vector<ImageFact> imageDefaultFacts(const WellKnownImage &image,
                                         const ServiceConfiguration &service,
                                         std::string_view shownImage)
{
    std::vector<ImageFact> insecure = insecureDefaultFacts(image, service, shownImage);
    std::vector<ImageFact> facts;
    const std::string prefix = std::string(shownImage) + ": ";
    for (const SecureSetting &entry : image.secureSettings) {
        if (std::none_of(entry.setBy.begin(), entry.setBy.end(), [&](const ImageSetting &setting) {
                return holds(setting, service, true);
            }))
            continue;
        // An insecure default that holds, or that could not be judged, on the same property
        // wins: POSTGRES_HOST_AUTH_METHOD=trust beside POSTGRES_PASSWORD.
        std::map<std::string, std::string> sets;
        for (const auto &property : entry.sets) {
            const std::string &name = property.first;
            const bool overridden = std::any_of(
                insecure.begin(), insecure.end(), [&](const ImageFact &fact) {
                    return fact.sets.count(name) != 0
                           || std::find(fact.leftOpen.begin(), fact.leftOpen.end(), name)
                                  != fact.leftOpen.end();
                });
            if (!overridden)
                sets.insert(property);
        }
        if (!sets.empty())
            facts.push_back(ImageFact{sets, prefix + entry.reason, {}});
    }
    facts.insert(facts.end(), std::make_move_iterator(insecure.begin()),
                 std::make_move_iterator(insecure.end()));
    return facts;
}

std::optional<ServedProtocol> servedProtocol(const WellKnownImage &image, std::int64_t port,
                                             const ServiceConfiguration &service,
                                             std::string_view shownImage)
{
    const auto entry = std::find_if(image.ports.begin(), image.ports.end(),
                                    [&](const ImagePort &p) { return p.port == port; });
    if (entry == image.ports.end() || entry->plainBy.empty())
        return std::nullopt;
    std::vector<std::string> switches;
    for (const ImageSetting &setting : entry->plainBy)
        switches.push_back(settingText(setting));
    const std::string serves = std::string(shownImage) + " serves " + entry->protocol + " on port "
                               + std::to_string(port) + " unless " + joined(switches, " or ");
    for (const ImageSetting &setting : entry->plainBy)
        if (holds(setting, service))
            return ServedProtocol{*plainCounterpart(entry->protocol),
                                  serves + ", and " + settingText(setting)
                                      + " is set: " + *plainCounterpart(entry->protocol)};
    // A variable set from a Secret, a ConfigMap or a file the import does not read may be on.
    const bool unreadable = std::any_of(
        entry->plainBy.begin(), entry->plainBy.end(), [&](const ImageSetting &setting) {
            return !setting.environment.empty()
                   && (service.namesWithoutValue.count(setting.environment)
                       || !service.environmentComplete);
        });
    if (unreadable)
        return ServedProtocol{{}, serves + "; whether one is set is not in the files"};
    return ServedProtocol{entry->protocol, serves + ", and none is set: " + entry->protocol};
}

bool kindHasProperty(const Catalog &catalog, const std::string &kind, const std::string &name)
{
    const ElementKind *found = catalog.findKind(kind);
    return found && catalog.findProperty(*found, name);
}

std::vector<std::string> applyImageFacts(const std::vector<ImageFact> &facts,
                                         const Catalog &catalog, const std::string &kind,
                                         PropertyMap &properties)
{
    std::vector<std::string> lines;
    const ElementKind *elementKind = catalog.findKind(kind);
    for (const ImageFact &fact : facts) {
        std::vector<std::string> set;
        std::vector<std::string> notSet;
        for (const auto &[name, value] : fact.sets) {
            const PropertySpec *spec = elementKind ? catalog.findProperty(*elementKind, name)
                                                   : nullptr;
            if (!spec) {
                notSet.push_back(name);
                continue;
            }
            if (spec->type == PropertyType::Bool)
                properties[name] = value == "true";
            else
                properties[name] = value;
            set.push_back(name + " = " + value);
        }
        std::string line = fact.text;
        if (!set.empty())
            line += " → " + joined(set);
        if (!notSet.empty())
            line += " (not recorded: a " + kind + " has no " + joined(notSet) + ")";
        lines.push_back(std::move(line));
    }
    return lines;
}

} // namespace bulkhead
