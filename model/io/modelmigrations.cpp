#include "modelmigrations.h"

#include "jsonfields.h"
#include "modelformat.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <functional>
#include <map>
#include <set>

namespace bulkhead::modelmigrations {

namespace {

using jsonfields::FormatError;
using nlohmann::json;

struct MigrationStep
{
    int fromVersion;
    const char *summary;
    std::function<void(json &)> apply;
    /** Whether the step only adds keys or rewrites values in place, so every place in the file
     * keeps its line. */
    bool keepsPositions;
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

// Version 1 had no initiator and no transport: the drawn arrow stood for the connection too.
// Where the two ends' kinds make the fact certain, version 2 records it; everything else keeps
// the defaults (opened by the source, over a network). A store never opens a connection to
// the process that reads it, so data drawn out of a store is carried on a connection the
// reader opened; and a volume is files, not a network.
const std::set<std::string> &passiveStoreKinds()
{
    static const std::set<std::string> kinds{"registry",      "database",   "cache",
                                             "message-queue", "data-store", "secrets-store",
                                             "cluster-store", "log-store",  "volume"};
    return kinds;
}

const std::set<std::string> &clientKinds()
{
    static const std::set<std::string> kinds{
        "container",   "process", "container-runtime",  "node-agent",
        "ci-pipeline", "ingress", "service-mesh-proxy", "orchestrator-api"};
    return kinds;
}

void migrateV1toV2(json &document)
{
    if (!document.contains("flows") || !document["flows"].is_array())
        return;
    std::map<std::string, std::string> kindOf;
    if (document.contains("elements") && document["elements"].is_array()) {
        for (const json &element : document["elements"]) {
            if (element.is_object() && element.contains("id") && element["id"].is_string()
                && element.contains("kind") && element["kind"].is_string())
                kindOf.emplace(element["id"].get<std::string>(),
                               element["kind"].get<std::string>());
        }
    }
    auto endKind = [&](const json &flow, const char *end) {
        if (!flow.contains(end) || !flow[end].is_string())
            return std::string();
        const auto it = kindOf.find(flow[end].get<std::string>());
        return it == kindOf.end() ? std::string() : it->second;
    };
    for (json &flow : document["flows"]) {
        if (!flow.is_object())
            continue;
        const std::string source = endKind(flow, "source");
        const std::string target = endKind(flow, "target");
        if (!flow.contains("initiator") && passiveStoreKinds().count(source) > 0
            && clientKinds().count(target) > 0)
            flow["initiator"] = "target";
        if (source != "volume" && target != "volume")
            continue;
        if (!flow.contains("properties"))
            flow["properties"] = json::object();
        json &properties = flow["properties"];
        if (properties.is_object() && !properties.contains("transport"))
            properties["transport"] = "sharedVolume";
    }
}

// Version 2 had a container runtime's contentTrust as true or false, so a file that never said
// asserted Docker's default (off). It is a tri-state now whose default is unknown: content trust
// is a host or client setting no Compose file shows. A value the file wrote keeps its meaning.
void migrateV2toV3(json &document)
{
    if (!document.contains("elements") || !document["elements"].is_array())
        return;
    for (json &element : document["elements"]) {
        if (!element.is_object() || element.value("kind", json()) != "container-runtime"
            || !element.contains("properties") || !element["properties"].is_object())
            continue;
        json &properties = element["properties"];
        if (const auto it = properties.find("contentTrust");
            it != properties.end() && it->is_boolean())
            *it = it->get<bool>() ? "yes" : "no";
    }
}

const std::vector<MigrationStep> &steps()
{
    static const std::vector<MigrationStep> all{
        {0,
         "format 0 → 1: renamed metadata/trustBoundaries, merged position and size into "
         "geometry, register keyed by threat",
         migrateV0toV1, false},
        {1,
         "format 1 → 2: flows out of a store into the process that reads it are opened by the "
         "reader (initiator target); flows to or from a volume are shared-volume transport",
         migrateV1toV2, true},
        {2,
         "format 2 → 3: a container runtime's contentTrust true/false is written yes/no (it is "
         "a tri-state whose default is unknown)",
         migrateV2toV3, true},
    };
    return all;
}

} // namespace

bool keepsPositions(int fromVersion)
{
    return std::all_of(steps().begin(), steps().end(), [&](const MigrationStep &step) {
        return step.fromVersion < fromVersion || step.keepsPositions;
    });
}

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
