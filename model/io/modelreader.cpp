#include "modelreader.h"

#include "jsonfields.h"
#include "jsontext.h"
#include "modelformat.h"
#include "modelmigrations.h"
#include "textfile.h"

#include "core/displaytext.h"

#include <nlohmann/json.hpp>

namespace bulkhead {

namespace {

using nlohmann::json;
using namespace jsonfields;

PropertyMap readProperties(const json &object, const std::string &pointer)
{
    PropertyMap properties;
    const auto it = object.find("properties");
    if (it == object.end())
        return properties;
    const std::string here = child(pointer, "properties");
    expectObject(*it, here);
    for (const auto &[name, value] : it->items())
        properties.emplace(name, propertyValue(value, child(here, name)));
    return properties;
}

Rect readGeometry(const json &object, const std::string &pointer)
{
    const auto it = object.find("geometry");
    if (it == object.end())
        return {};
    const std::string here = child(pointer, "geometry");
    expectObject(*it, here);
    rejectUnknownKeys(*it, {"x", "y", "w", "h"}, here);
    Rect rect;
    rect.x = numberValue(required(*it, "x", here), child(here, "x"));
    rect.y = numberValue(required(*it, "y", here), child(here, "y"));
    rect.width = numberValue(required(*it, "w", here), child(here, "w"));
    rect.height = numberValue(required(*it, "h", here), child(here, "h"));
    if (rect.width < 0 || rect.height < 0)
        throw FormatError{here, "width and height must not be negative"};
    return rect;
}

std::vector<Point> readPoints(const json &object, const std::string &pointer)
{
    std::vector<Point> points;
    const auto it = object.find("points");
    if (it == object.end())
        return points;
    const std::string here = child(pointer, "points");
    expectArray(*it, here);
    for (std::size_t i = 0; i < it->size(); ++i) {
        const std::string at = child(here, i);
        const json &p = (*it)[i];
        expectObject(p, at);
        rejectUnknownKeys(p, {"x", "y"}, at);
        points.push_back({numberValue(required(p, "x", at), child(at, "x")),
                          numberValue(required(p, "y", at), child(at, "y"))});
    }
    return points;
}

const json *optionalArray(const json &document, const char *key)
{
    const auto it = document.find(key);
    if (it == document.end())
        return nullptr;
    expectArray(*it, child("", key));
    return &*it;
}

void readMetadata(const json &document, ModelMetadata &metadata)
{
    const auto it = document.find("model");
    if (it == document.end())
        return;
    const std::string here = "/model";
    expectObject(*it, here);
    rejectUnknownKeys(*it, {"title", "description", "owner", "reviewers"}, here);
    metadata.title = optionalString(*it, "title", here);
    metadata.description = optionalString(*it, "description", here);
    metadata.owner = optionalString(*it, "owner", here);
    metadata.reviewers = optionalStringList(*it, "reviewers", here);
}

void readBoundaries(const json &document, ThreatModel &model)
{
    const json *items = optionalArray(document, "boundaries");
    for (std::size_t i = 0; items && i < items->size(); ++i) {
        const std::string at = child("/boundaries", i);
        const json &item = (*items)[i];
        expectObject(item, at);
        rejectUnknownKeys(item, {"id", "kind", "name", "parent", "properties", "geometry"}, at);
        Boundary boundary;
        boundary.id = stringValue(required(item, "id", at), child(at, "id"));
        if (boundary.id.empty())
            throw FormatError{child(at, "id"), "id must not be empty"};
        boundary.kind = stringValue(required(item, "kind", at), child(at, "kind"));
        boundary.name = optionalString(item, "name", at);
        boundary.parent = optionalString(item, "parent", at);
        boundary.properties = readProperties(item, at);
        boundary.geometry = readGeometry(item, at);
        model.addBoundary(std::move(boundary));
    }
}

void readElements(const json &document, ThreatModel &model)
{
    const json *items = optionalArray(document, "elements");
    for (std::size_t i = 0; items && i < items->size(); ++i) {
        const std::string at = child("/elements", i);
        const json &item = (*items)[i];
        expectObject(item, at);
        rejectUnknownKeys(item, {"id", "kind", "name", "boundary", "properties", "geometry"}, at);
        Element element;
        element.id = stringValue(required(item, "id", at), child(at, "id"));
        if (element.id.empty())
            throw FormatError{child(at, "id"), "id must not be empty"};
        element.kind = stringValue(required(item, "kind", at), child(at, "kind"));
        element.name = optionalString(item, "name", at);
        element.boundary = optionalString(item, "boundary", at);
        element.properties = readProperties(item, at);
        element.geometry = readGeometry(item, at);
        model.addElement(std::move(element));
    }
}

void readFlows(const json &document, ThreatModel &model)
{
    const json *items = optionalArray(document, "flows");
    for (std::size_t i = 0; items && i < items->size(); ++i) {
        const std::string at = child("/flows", i);
        const json &item = (*items)[i];
        expectObject(item, at);
        rejectUnknownKeys(item, {"id", "name", "source", "target", "bidirectional", "properties",
                                 "points"},
                          at);
        Flow flow;
        flow.id = stringValue(required(item, "id", at), child(at, "id"));
        if (flow.id.empty())
            throw FormatError{child(at, "id"), "id must not be empty"};
        flow.name = optionalString(item, "name", at);
        flow.source = stringValue(required(item, "source", at), child(at, "source"));
        flow.target = stringValue(required(item, "target", at), child(at, "target"));
        flow.bidirectional = optionalBool(item, "bidirectional", at, false);
        flow.properties = readProperties(item, at);
        flow.points = readPoints(item, at);
        model.addFlow(std::move(flow));
    }
}

void readRegister(const json &document, ThreatModel &model)
{
    const json *items = optionalArray(document, "register");
    for (std::size_t i = 0; items && i < items->size(); ++i) {
        const std::string at = child("/register", i);
        const json &item = (*items)[i];
        expectObject(item, at);
        rejectUnknownKeys(item, {"threat", "status", "justification", "owner", "severityOverride",
                                 "notes"},
                          at);
        RegisterEntry entry;
        entry.threat = stringValue(required(item, "threat", at), child(at, "threat"));
        if (entry.threat.empty())
            throw FormatError{child(at, "threat"), "threat id must not be empty"};
        const std::string status = optionalString(item, "status", at, "open");
        const auto parsedStatus = threatStatusFromKey(status);
        if (!parsedStatus) {
            throw FormatError{child(at, "status"),
                              "unknown status " + displayQuoted(status)
                                  + " (expected open, needs-investigation, mitigated, accepted, "
                                    "transferred or not-applicable)"};
        }
        entry.status = *parsedStatus;
        entry.justification = optionalString(item, "justification", at);
        entry.owner = optionalString(item, "owner", at);
        if (const auto it = item.find("severityOverride"); it != item.end() && !it->is_null()) {
            const std::string severity = stringValue(*it, child(at, "severityOverride"));
            entry.severityOverride = severityFromKey(severity);
            if (!entry.severityOverride) {
                throw FormatError{child(at, "severityOverride"),
                                  "unknown severity " + displayQuoted(severity)
                                      + " (expected low, medium, high or critical)"};
            }
        }
        entry.notes = optionalString(item, "notes", at);
        model.appendRegisterEntry(std::move(entry));
    }
}

int ratingValue(const json &item, const char *key, const std::string &pointer)
{
    const auto it = item.find(key);
    if (it == item.end())
        return 2;
    const std::int64_t value = integerValue(*it, child(pointer, key));
    if (value < 1 || value > 4)
        throw FormatError{child(pointer, key), "must be between 1 and 4"};
    return static_cast<int>(value);
}

void readManualThreats(const json &document, ThreatModel &model)
{
    const json *items = optionalArray(document, "manualThreats");
    for (std::size_t i = 0; items && i < items->size(); ++i) {
        const std::string at = child("/manualThreats", i);
        const json &item = (*items)[i];
        expectObject(item, at);
        rejectUnknownKeys(item, {"id", "title", "description", "stride", "target", "likelihood",
                                 "impact"},
                          at);
        ManualThreat threat;
        threat.id = stringValue(required(item, "id", at), child(at, "id"));
        if (threat.id.empty())
            throw FormatError{child(at, "id"), "id must not be empty"};
        threat.title = optionalString(item, "title", at);
        threat.description = optionalString(item, "description", at);
        threat.stride = optionalString(item, "stride", at);
        if (threat.stride.find_first_not_of("STRIDE") != std::string::npos)
            throw FormatError{child(at, "stride"), "STRIDE letters must be among S, T, R, I, D, E"};
        threat.target = optionalString(item, "target", at);
        threat.likelihood = ratingValue(item, "likelihood", at);
        threat.impact = ratingValue(item, "impact", at);
        model.addManualThreat(std::move(threat));
    }
}

int readFormatHeader(const json &document)
{
    expectObject(document, "");
    const std::string format = stringValue(required(document, "format", ""), "/format");
    if (format != modelFormatName) {
        throw FormatError{"/format", "this is not a Bulkhead model (format is " + displayQuoted(format)
                                         + ", expected \"" + modelFormatName + "\")"};
    }
    const std::int64_t version = integerValue(required(document, "formatVersion", ""),
                                              "/formatVersion");
    if (version > currentModelFormatVersion) {
        throw FormatError{"/formatVersion",
                          "formatVersion " + std::to_string(version)
                              + " is newer than this Bulkhead understands (up to "
                              + std::to_string(currentModelFormatVersion)
                              + "); open it with a newer Bulkhead"};
    }
    if (version < modelmigrations::oldestSupportedVersion()) {
        throw FormatError{"/formatVersion",
                          "formatVersion " + std::to_string(version) + " is not supported"};
    }
    return static_cast<int>(version);
}

} // namespace

Result<LoadedModel> readModelText(std::string_view text, const std::string &sourceName)
{
    auto parsed = jsontext::parse(text, sourceName);
    if (!parsed)
        return Result<LoadedModel>::failure(parsed.error());
    json &document = *parsed;
    LoadedModel loaded;
    try {
        loaded.sourceFormatVersion = readFormatHeader(document);
        if (loaded.sourceFormatVersion < currentModelFormatVersion) {
            modelmigrations::migrateToCurrent(document, loaded.sourceFormatVersion,
                                              loaded.migrationNotes);
        }
        rejectUnknownKeys(document, {"format", "formatVersion", "generator", "model", "boundaries",
                                     "elements", "flows", "register", "manualThreats"},
                          "");
        if (document.contains("generator"))
            stringValue(document["generator"], "/generator");
        readMetadata(document, loaded.model.metadata());
        readBoundaries(document, loaded.model);
        readElements(document, loaded.model);
        readFlows(document, loaded.model);
        readRegister(document, loaded.model);
        readManualThreats(document, loaded.model);
    } catch (const FormatError &error) {
        // After a migration the positions refer to the migrated document, which no longer
        // matches the text; the path alone still names the place.
        const bool migrated = !loaded.migrationNotes.empty();
        return Result<LoadedModel>::failure(
            describe(migrated ? std::string_view() : text, sourceName, error));
    } catch (const json::exception &error) {
        return Result<LoadedModel>::failure(jsontext::formatMessage(sourceName, {}, error.what()));
    }
    return loaded;
}

Result<LoadedModel> readModelFile(const std::filesystem::path &path)
{
    const auto text = readTextFile(path);
    if (!text)
        return Result<LoadedModel>::failure(text.error());
    return readModelText(*text, path.string());
}

} // namespace bulkhead
