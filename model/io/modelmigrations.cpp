#include "modelmigrations.h"

#include "jsonfields.h"
#include "modelformat.h"

#include <nlohmann/json.hpp>

#include <functional>

namespace bulkhead::modelmigrations {

namespace {

using jsonfields::FormatError;
using nlohmann::json;

struct MigrationStep
{
    int fromVersion;
    const char *summary;
    std::function<void(json &)> apply;
};

void renameKey(json &object, const char *from, const char *to)
{
    if (!object.is_object() || !object.contains(from))
        return;
    if (object.contains(to))
        throw FormatError{"", std::string("both \"") + from + "\" and \"" + to + "\" are present"};
    object[to] = std::move(object[from]);
    object.erase(from);
}

// Version 0 is the draft format written by the 0.0.x prototypes: "metadata" and
// "trustBoundaries" top-level keys, geometry split into position and size, register entries
// keyed by "threatId" with CamelCase status names.
void migrateGeometryV0(json &item, const std::string &pointer)
{
    if (!item.is_object() || (!item.contains("position") && !item.contains("size")))
        return;
    if (item.contains("geometry"))
        throw FormatError{pointer, "has both geometry and position/size; keep one"};
    const json position = item.value("position", json::object());
    const json size = item.value("size", json::object());
    if (!position.is_object() || !size.is_object())
        throw FormatError{pointer, "position and size must be objects"};
    item["geometry"] = json{{"x", position.value("x", json(0))},
                            {"y", position.value("y", json(0))},
                            {"w", size.value("width", json(0))},
                            {"h", size.value("height", json(0))}};
    item.erase("position");
    item.erase("size");
}

std::string kebabStatus(const std::string &camel)
{
    std::string out;
    for (const char c : camel) {
        if (c >= 'A' && c <= 'Z') {
            if (!out.empty())
                out += '-';
            out += static_cast<char>(c - 'A' + 'a');
        } else {
            out += c;
        }
    }
    return out;
}

void migrateV0toV1(json &document)
{
    renameKey(document, "metadata", "model");
    renameKey(document, "trustBoundaries", "boundaries");
    for (const char *collection : {"elements", "boundaries"}) {
        if (!document.contains(collection) || !document[collection].is_array())
            continue;
        json &items = document[collection];
        for (std::size_t i = 0; i < items.size(); ++i)
            migrateGeometryV0(items[i], "/" + std::string(collection) + "/" + std::to_string(i));
    }
    if (document.contains("register") && document["register"].is_array()) {
        for (json &entry : document["register"]) {
            renameKey(entry, "threatId", "threat");
            if (entry.is_object() && entry.contains("status") && entry["status"].is_string())
                entry["status"] = kebabStatus(entry["status"].get<std::string>());
        }
    }
}

const std::vector<MigrationStep> &steps()
{
    static const std::vector<MigrationStep> all{
        {0,
         "format 0 → 1: renamed metadata/trustBoundaries, merged position and size into "
         "geometry, register keyed by threat",
         migrateV0toV1},
    };
    return all;
}

} // namespace

int oldestSupportedVersion()
{
    return steps().front().fromVersion;
}

void migrateToCurrent(json &document, int fromVersion, std::vector<std::string> &notes)
{
    int version = fromVersion;
    for (const MigrationStep &step : steps()) {
        if (step.fromVersion != version)
            continue;
        step.apply(document);
        notes.emplace_back(step.summary);
        ++version;
    }
    if (version != currentModelFormatVersion)
        throw FormatError{"/formatVersion",
                          "no migration path from version " + std::to_string(fromVersion)};
    document["formatVersion"] = currentModelFormatVersion;
}

} // namespace bulkhead::modelmigrations
