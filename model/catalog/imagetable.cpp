#include "imagetable.h"

#include "catalog.h"
#include "core/displaytext.h"
#include "imagetableformat.h"
#include "io/jsonfields.h"

#include <algorithm>
#include <cctype>
#include <set>

namespace bulkhead {

namespace {

using nlohmann::json;
using namespace jsonfields;

ImageSetting readSetting(const json &item, const std::string &at)
{
    ImageSetting setting;
    setting.environment = optionalString(item, "environment", at);
    setting.argument = optionalString(item, "argument", at);
    setting.value = optionalString(item, "value", at);
    setting.contains = optionalString(item, "contains", at);
    if (setting.environment.empty() == setting.argument.empty())
        throw FormatError{at, "a setting names either an \"environment\" variable or an "
                              "\"argument\", not both or neither"};
    if (!setting.argument.empty() && (item.contains("value") || item.contains("contains")))
        throw FormatError{at, "only an environment setting takes \"value\" or \"contains\""};
    if (item.contains("value") && item.contains("contains"))
        throw FormatError{at, "a setting takes \"value\" or \"contains\", not both"};
    if ((item.contains("value") && setting.value.empty())
        || (item.contains("contains") && setting.contains.empty()))
        throw FormatError{at, "\"value\" and \"contains\" must not be empty"};
    return setting;
}

std::vector<ImageSetting> readSettings(const json &object, std::string_view key,
                                       const std::string &at)
{
    std::vector<ImageSetting> settings;
    readObjectArray(object, key, at, {"environment", "value", "contains", "argument"},
                    [&](const json &item, const std::string &here) {
                        settings.push_back(readSetting(item, here));
                    });
    return settings;
}

std::string readVersion(const json &range, std::string_view key, const std::string &at)
{
    std::string version = optionalString(range, key, at);
    if (range.contains(std::string(key)) && !parseDottedVersion(version))
        throw FormatError{child(at, key), "a version is dotted numbers such as \"8.0\", not "
                                              + displayQuoted(version)};
    return version;
}

std::map<std::string, std::string> readStringMap(const json &object, std::string_view key,
                                                 const std::string &at)
{
    std::map<std::string, std::string> values;
    const auto it = object.find(std::string(key));
    if (it == object.end())
        return values;
    const std::string here = child(at, key);
    expectObject(*it, here);
    for (const auto &[name, value] : it->items())
        values[name] = stringValue(value, child(here, name));
    return values;
}

InsecureDefault readInsecureDefault(const json &item, const std::string &at)
{
    InsecureDefault entry;
    entry.id = stringValue(required(item, "id", at), child(at, "id"));
    if (entry.id.empty())
        throw FormatError{child(at, "id"), "an insecure default's id must not be empty"};
    if (const auto it = item.find("versions"); it != item.end()) {
        const std::string here = child(at, "versions");
        expectObject(*it, here);
        rejectUnknownKeys(*it, {"from", "below"}, here);
        entry.versions.from = readVersion(*it, "from", here);
        entry.versions.below = readVersion(*it, "below", here);
        if (entry.versions.empty())
            throw FormatError{here, "a version range needs \"from\", \"below\" or both"};
    }
    entry.sets = readStringMap(item, "sets", at);
    if (entry.sets.empty())
        throw FormatError{child(at, "sets"), "an insecure default sets at least one property"};
    entry.reason = stringValue(required(item, "reason", at), child(at, "reason"));
    if (entry.reason.empty())
        throw FormatError{child(at, "reason"), "the reason must not be empty"};
    entry.enabledBy = readSettings(item, "enabledBy", at);
    entry.disabledBy = readSettings(item, "disabledBy", at);
    entry.unlessAdminCredentialsSet = optionalBool(item, "unlessAdminCredentialsSet", at, false);
    return entry;
}

SecureSetting readSecureSetting(const json &item, const std::string &at)
{
    SecureSetting entry;
    entry.id = stringValue(required(item, "id", at), child(at, "id"));
    if (entry.id.empty())
        throw FormatError{child(at, "id"), "a secure setting's id must not be empty"};
    entry.sets = readStringMap(item, "sets", at);
    if (entry.sets.empty())
        throw FormatError{child(at, "sets"), "a secure setting sets at least one property"};
    entry.reason = stringValue(required(item, "reason", at), child(at, "reason"));
    if (entry.reason.empty())
        throw FormatError{child(at, "reason"), "the reason must not be empty"};
    entry.setBy = readSettings(item, "setBy", at);
    if (entry.setBy.empty())
        throw FormatError{child(at, "setBy"),
                          "a secure setting needs the settings that turn it on"};
    return entry;
}

ImageRepository readRepository(const json &item, const std::string &at)
{
    ImageRepository repository;
    if (item.is_string()) {
        repository.name = item.get<std::string>();
    } else {
        expectObject(item, at);
        rejectUnknownKeys(item, {"name", "publisher"}, at);
        repository.name = stringValue(required(item, "name", at), child(at, "name"));
        const std::string publisher = optionalString(item, "publisher", at, "unverified");
        static const std::map<std::string, ImagePublisher> publishers{
            {"official", ImagePublisher::Official},
            {"verified", ImagePublisher::Verified},
            {"unverified", ImagePublisher::Unverified}};
        const auto found = publishers.find(publisher);
        if (found == publishers.end())
            throw FormatError{
                child(at, "publisher"),
                unknownKeyMessage("publisher", publisher, "official, verified or unverified")};
        repository.publisher = found->second;
    }
    const bool spaced = std::any_of(repository.name.begin(), repository.name.end(), [](char c) {
        return std::isspace(static_cast<unsigned char>(c)) != 0;
    });
    if (repository.name.empty() || spaced
        || repository.name.find_first_of(":@") != std::string::npos)
        throw FormatError{at, "a repository is a name without tag or digest, such as "
                              "\"bitnami/redis\", not "
                                  + displayQuoted(repository.name)};
    return repository;
}

WellKnownImage readImage(const json &item, const std::string &at, const std::string &sourceFile)
{
    WellKnownImage image;
    image.sourceFile = sourceFile;
    image.id = stringValue(required(item, "id", at), child(at, "id"));
    if (image.id.empty())
        throw FormatError{child(at, "id"), "image id must not be empty"};
    const json &repositories = required(item, "repositories", at);
    const std::string repositoriesAt = child(at, "repositories");
    expectArray(repositories, repositoriesAt);
    if (repositories.empty())
        throw FormatError{repositoriesAt, "an image needs at least one repository"};
    for (std::size_t i = 0; i < repositories.size(); ++i)
        image.repositories.push_back(readRepository(repositories[i], child(repositoriesAt, i)));
    image.kind = stringValue(required(item, "kind", at), child(at, "kind"));
    image.product = optionalString(item, "product", at);
    image.properties = readStringMap(item, "properties", at);
    readObjectArray(
        item, "ports", at, {"port", "protocol", "plainBy"},
        [&](const json &port, const std::string &here) {
            ImagePort entry;
            entry.port = integerValue(required(port, "port", here), child(here, "port"));
            if (entry.port < 1 || entry.port > 65535)
                throw FormatError{child(here, "port"), "a port is between 1 and 65535"};
            entry.protocol = stringValue(required(port, "protocol", here), child(here, "protocol"));
            entry.plainBy = readSettings(port, "plainBy", here);
            if (!entry.plainBy.empty() && !plainCounterpart(entry.protocol))
                throw FormatError{child(here, "plainBy"),
                                  "only a port with an encrypted protocol (https, grpcTls, tls) "
                                  "can be turned to plain text"};
            image.ports.push_back(std::move(entry));
        });
    if (const auto it = item.find("adminUi"); it != item.end()) {
        const std::string here = child(at, "adminUi");
        expectObject(*it, here);
        rejectUnknownKeys(*it, {"port", "path", "loginByDefault"}, here);
        AdminUi ui;
        ui.port = integerValue(required(*it, "port", here), child(here, "port"));
        ui.path = optionalString(*it, "path", here, "/");
        ui.loginByDefault = boolValue(required(*it, "loginByDefault", here),
                                      child(here, "loginByDefault"));
        image.adminUi = ui;
    }
    image.adminCredentials = optionalStringList(item, "adminCredentials", at);
    readObjectArray(item, "insecureDefaults", at,
                    {"id", "versions", "sets", "reason", "enabledBy", "disabledBy",
                     "unlessAdminCredentialsSet"},
                    [&](const json &entry, const std::string &here) {
                        image.insecureDefaults.push_back(readInsecureDefault(entry, here));
                    });
    readObjectArray(item, "secureSettings", at, {"id", "sets", "reason", "setBy"},
                    [&](const json &entry, const std::string &here) {
                        image.secureSettings.push_back(readSecureSetting(entry, here));
                    });
    for (const InsecureDefault &entry : image.insecureDefaults) {
        if (entry.unlessAdminCredentialsSet && image.adminCredentials.empty())
            throw FormatError{child(at, "insecureDefaults"),
                              "insecure default " + displayQuoted(entry.id)
                                  + " is turned off by admin credentials, but the image lists "
                                    "no adminCredentials"};
    }
    return image;
}

} // namespace

std::optional<std::string> plainCounterpart(const std::string &protocol)
{
    static const std::map<std::string, std::string> plain{
        {"https", "http"}, {"grpcTls", "grpc"}, {"tls", "tcp"}};
    const auto it = plain.find(protocol);
    return it == plain.end() ? std::nullopt : std::optional<std::string>(it->second);
}

std::optional<std::vector<long>> parseDottedVersion(const std::string &text)
{
    std::vector<long> parts;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t dot = std::min(text.find('.', start), text.size());
        const std::string part = text.substr(start, dot - start);
        if (part.empty() || part.size() > 9 || !std::all_of(part.begin(), part.end(), [](char c) {
                return std::isdigit(static_cast<unsigned char>(c));
            }))
            return std::nullopt;
        parts.push_back(std::stol(part));
        start = dot + 1;
    }
    return parts;
}

const WellKnownImage *ImageTable::find(const std::string &id) const
{
    const auto it = std::find_if(m_entries.begin(), m_entries.end(),
                                 [&](const WellKnownImage &image) { return image.id == id; });
    return it == m_entries.end() ? nullptr : &*it;
}

void ImageTable::add(WellKnownImage image)
{
    const auto it = std::find_if(m_entries.begin(), m_entries.end(),
                                 [&](const WellKnownImage &known) { return known.id == image.id; });
    if (it != m_entries.end())
        *it = std::move(image);
    else
        m_entries.push_back(std::move(image));
}

std::vector<WellKnownImage> readImageSection(const json &images, const std::string &at,
                                             const std::string &sourceFile)
{
    expectArray(images, at);
    std::vector<WellKnownImage> entries;
    std::set<std::string> ids;
    for (std::size_t i = 0; i < images.size(); ++i) {
        const std::string here = child(at, i);
        expectObject(images[i], here);
        rejectUnknownKeys(images[i],
                          {"id", "repositories", "kind", "product", "properties", "ports",
                           "adminUi", "adminCredentials", "insecureDefaults", "secureSettings"},
                          here);
        WellKnownImage image = readImage(images[i], here, sourceFile);
        if (!ids.insert(image.id).second)
            throw FormatError{child(here, "id"), "duplicate image " + displayQuoted(image.id)};
        entries.push_back(std::move(image));
    }
    return entries;
}

std::vector<std::string> checkImageTable(const Catalog &catalog)
{
    std::vector<std::string> errors;
    const PropertySpec *protocol = catalog.findFlowProperty("protocol");
    for (const WellKnownImage &image : catalog.images().entries()) {
        const std::string where = image.sourceFile + ": image " + image.id + ": ";
        const ElementKind *kind = catalog.findKind(image.kind);
        if (!kind || kind->isBoundary()) {
            errors.push_back(where + "kind: unknown element kind " + displayQuoted(image.kind));
            continue;
        }
        auto check = [&](const std::string &field, const std::string &name,
                         const std::string &value) {
            const PropertySpec *spec = catalog.findProperty(*kind, name);
            if (!spec) {
                errors.push_back(where + field + ": kind " + kind->id + " has no property "
                                 + displayQuoted(name));
                return;
            }
            PropertyValue typed = value;
            if (spec->type == PropertyType::Bool && (value == "true" || value == "false"))
                typed = value == "true";
            if (const std::string problem = spec->checkValue(typed); !problem.empty())
                errors.push_back(where + field + ": " + name + " " + problem);
        };
        if (!image.product.empty())
            check("product", "product", image.product);
        for (const auto &[name, value] : image.properties)
            check("properties", name, value);
        for (const InsecureDefault &entry : image.insecureDefaults)
            for (const auto &[name, value] : entry.sets)
                check("insecureDefaults " + entry.id, name, value);
        for (const SecureSetting &entry : image.secureSettings)
            for (const auto &[name, value] : entry.sets)
                check("secureSettings " + entry.id, name, value);
        for (const ImagePort &port : image.ports) {
            if (protocol && !protocol->checkValue(port.protocol).empty())
                errors.push_back(where + "ports: " + std::to_string(port.port)
                                 + ": unknown flow protocol " + displayQuoted(port.protocol));
        }
    }
    return errors;
}

} // namespace bulkhead
